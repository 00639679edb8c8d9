package dev.veloera.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.veloera.analytics.usage.Topics;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * analytics-streams restarted alone, as a redeploy does, on a real KRaft broker that keeps running:
 * the restarted instance must be writing logs again within {@link #RESUME_BOUND}. Its old membership
 * is still in the group when it comes back (a Streams client does not leave on close), so as a dynamic
 * member it would wait out the old session (45 s, Kafka's default) first; as a static member under the
 * same instance name it takes its partitions back at once. The bound covers Spring's start, Flyway, the
 * Streams client's start and one commit interval on a busy 2-core machine.
 */
class AnalyticsRestartTest {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRestartTest.class);
    /** From the start of the restarted application to its first new log row. */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(20);
    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    private static final TestDatabase DATABASE = TestDatabases.create(Engine.SQLITE);
    private static EmbeddedKafkaBroker broker;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, Topics.PARTITIONS, Topics.USAGE.name())
                .brokerProperties(Map.of(
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1",
                        "transaction.state.log.num.partitions", "1",
                        "offsets.topic.num.partitions", "1"));
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
        DATABASE.close();
    }

    @Test
    void aRestartedInstanceWritesLogsAgainWithinItsBound() {
        JdbcTemplate jdbc;
        try (ConfigurableApplicationContext first = startAnalytics()) {
            jdbc = new JdbcTemplate(first.getBean(javax.sql.DataSource.class));
            publish(usage("before-restart"));
            JdbcTemplate firstJdbc = jdbc;
            await().atMost(Duration.ofSeconds(90)).until(() -> logged(firstJdbc, "before-restart"));
        }

        publish(usage("after-restart"));
        long restartedAt = System.nanoTime();
        try (ConfigurableApplicationContext second = startAnalytics()) {
            JdbcTemplate secondJdbc = new JdbcTemplate(second.getBean(javax.sql.DataSource.class));
            // the wait is longer than a dynamic member's stall, so a regression shows as a figure, not a time-out
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> logged(secondJdbc, "after-restart"));
            Duration resumed = Duration.ofNanos(System.nanoTime() - restartedAt);
            LOG.info("analytics-streams wrote its first log row {} ms after its restart began (bound {} s)",
                    resumed.toMillis(), RESUME_BOUND.toSeconds());
            assertThat(resumed).isLessThan(RESUME_BOUND);
            assertThat(secondJdbc.queryForObject("SELECT COUNT(*) FROM logs", Integer.class)).isEqualTo(2);
        }
    }

    /** The same instance name each time, as a restarted process on the same host and port has. */
    private static ConfigurableApplicationContext startAnalytics() {
        return new SpringApplicationBuilder(AnalyticsStreamsApplication.class).run(
                "--server.port=0",
                "--veloera.analytics.kafka.instance-id=restart-test",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.datasource.url=" + DATABASE.url());
    }

    private static boolean logged(JdbcTemplate jdbc, String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM logs WHERE request_id = ?", Integer.class, requestId) > 0;
    }

    private static void publish(UsageRecorded usage) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, UsageRecorded> producer = new KafkaProducer<>(config,
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.USAGE.name(), Long.toString(usage.userId()), usage));
        }
    }

    private static UsageRecorded usage(String requestId) {
        return new UsageRecorded(requestId, NOON.toEpochMilli(), 7, "alice", 11, "default-token", 3, "default",
                "gpt-4o-mini", "gpt-4o-mini", 100, 20, 10, requestId, false, 900, UsageRecorded.SUCCESS, null,
                "127.0.0.1", Map.of());
    }
}
