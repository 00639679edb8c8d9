package dev.veloera.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.veloera.analytics.usage.Topics;
import dev.veloera.contracts.common.LogTypes;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a single-node KRaft broker and SQLite: usage in, logs and quota_data rows out.
 * exactly_once_v2 needs a transaction log, whose defaults (3 replicas, min ISR 2) do not fit one node;
 * one partition for the internal topics keeps the broker's start short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = Topics.PARTITIONS, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "offsets.topic.num.partitions=1"})
@DirtiesContext
class AnalyticsStreamsApplicationTest {

    private static final TestDatabase DATABASE = TestDatabases.create(Engine.SQLITE);
    private static final Instant TEN_OCLOCK = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    static Path stateDir;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
        registry.add("spring.datasource.url", DATABASE::url);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Test
    void turnsUsageIntoLogsAndHourlyBucketsOnceHoweverOftenItIsPublished() {
        assertThat(streams.getStreamsConfiguration())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        List<UsageRecorded> usage = List.of(
                usage("r-1", 7, TEN_OCLOCK.plusSeconds(60), UsageRecorded.SUCCESS),
                usage("r-2", 7, TEN_OCLOCK.plusSeconds(120), UsageRecorded.CLIENT_ABORTED),
                usage("r-3", 8, TEN_OCLOCK.plusSeconds(180), UsageRecorded.FAILED));

        // logs cannot be written at first: the sink must retry, not skip
        jdbc.execute("ALTER TABLE logs RENAME TO logs_unavailable");
        publish(usage);

        await().atMost(Duration.ofSeconds(60)).until(() -> bucketCount(7) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedLogBatches() > 0);
        jdbc.execute("ALTER TABLE logs_unavailable RENAME TO logs");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(logTypes()).containsExactlyInAnyOrderEntriesOf(Map.of("r-1", 2, "r-2", 2, "r-3", LogTypes.ERROR)));
        assertThat(jdbc.queryForMap("SELECT username, token_used, quota FROM quota_data WHERE user_id = 7"
                + " AND model_name = 'gpt-4o-mini' AND created_at = " + TEN_OCLOCK.getEpochSecond()))
                .containsEntry("username", "alice").containsEntry("token_used", 240).containsEntry("quota", 20);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quota_data WHERE user_id = 8", Integer.class)).isZero();

        // the same events again, then one new request of the same bucket, published after them on their partition
        publish(usage);
        publish(List.of(usage("r-4", 7, TEN_OCLOCK.plusSeconds(240), UsageRecorded.SUCCESS)));

        await().atMost(Duration.ofSeconds(30)).until(() -> logTypes().containsKey("r-4") && bucketCount(7) >= 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> bucketCount(7) == 3);
        assertThat(logTypes()).hasSize(4);

        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    private double failedLogBatches() {
        Counter failures = meters.find("veloera.analytics.sink.failures").tag("table", "logs").counter();
        return failures == null ? 0 : failures.count();
    }

    private Map<String, Integer> logTypes() {
        return jdbc.query("SELECT request_id, type FROM logs", rs -> {
            Map<String, Integer> types = new HashMap<>();
            while (rs.next()) {
                types.put(rs.getString(1), rs.getInt(2));
            }
            return types;
        });
    }

    private Integer bucketCount(long userId) {
        List<Integer> counts = jdbc.queryForList("SELECT count FROM quota_data WHERE user_id = ? AND model_name = ?"
                + " AND created_at = ?", Integer.class, userId, "gpt-4o-mini", TEN_OCLOCK.getEpochSecond());
        return counts.isEmpty() ? 0 : counts.getFirst();
    }

    private void publish(List<UsageRecorded> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, UsageRecorded> producer = new KafkaProducer<>(config,
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer())) {
            records.forEach(record ->
                    producer.send(new ProducerRecord<>(Topics.USAGE.name(), Long.toString(record.userId()), record)));
        }
    }

    private static UsageRecorded usage(String requestId, long userId, Instant at, String status) {
        boolean failed = UsageRecorded.FAILED.equals(status);
        return new UsageRecorded(requestId, at.toEpochMilli(), userId, userId == 7 ? "alice" : "bob", 11,
                "default-token", 3, "default", "gpt-4o-mini", "gpt-4o-mini", 100, failed ? 0 : 20, failed ? 0 : 10,
                requestId, false, 900, status, failed ? "upstream_error" : null, "127.0.0.1",
                Map.of("model_ratio", 0.075, "completion_ratio", 4, "group_ratio", 1));
    }
}
