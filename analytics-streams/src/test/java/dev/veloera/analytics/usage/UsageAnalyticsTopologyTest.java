package dev.veloera.analytics.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.veloera.contracts.usage.UsageRecorded;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageAnalyticsTopologyTest {

    private static final Instant TEN_OCLOCK = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, UsageRecorded> usage;
    private TestOutputTopic<String, LogEntry> logs;
    private TestOutputTopic<QuotaBucketKey, QuotaBucket> quotaData;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        UsageAnalyticsTopology.define(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "veloera-analytics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // every update of a bucket is visible, not only the last one of a commit interval
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(builder.build(config), config);
        usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(),
                Topics.USAGE.valueSerde().serializer());
        logs = driver.createOutputTopic(Topics.LOGS.name(), Topics.LOGS.keySerde().deserializer(),
                Topics.LOGS.valueSerde().deserializer());
        quotaData = driver.createOutputTopic(Topics.QUOTA_DATA.name(), Topics.QUOTA_DATA.keySerde().deserializer(),
                Topics.QUOTA_DATA.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void logsEachRequestOnceAsConsume() {
        UsageRecorded success = usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(65), UsageRecorded.SUCCESS);
        publish(success);

        LogEntry entry = logs.readKeyValue().value;
        assertThat(entry).isEqualTo(new LogEntry("r-1", 7, TEN_OCLOCK.getEpochSecond() + 65, LogEntry.TYPE_CONSUME,
                "model ratio 0.075, completion ratio 4, group ratio 1", "alice", "default-token", "gpt-4o-mini",
                10, 100, 20, 1234, true, 3, 11, "default", entry.other()));
        assertThat(json(entry.other())).containsEntry("model_ratio", 0.075).containsEntry("status", "success")
                .containsEntry("upstream_model_name", "gpt-4o-mini-2024-07-18").doesNotContainKey("error_code");
    }

    @Test
    void logsKeyedByRequestId() {
        publish(usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.SUCCESS));

        assertThat(logs.readKeyValue().key).isEqualTo("r-1");
    }

    @Test
    void dropsDuplicateRequests() {
        UsageRecorded once = usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(10), UsageRecorded.SUCCESS);
        publish(once);
        publish(once);

        assertThat(logs.readValuesToList()).hasSize(1);
        assertThat(quotaData.readValuesToList()).extracting(QuotaBucket::count).containsExactly(1L);
    }

    @Test
    void dropsDuplicateReplayedDaysLater() {
        UsageRecorded early = usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.SUCCESS);
        publish(early);
        publish(usage("r-2", 7, "gpt-4o-mini", TEN_OCLOCK.plus(Duration.ofDays(3)), UsageRecorded.SUCCESS));
        publish(early);

        assertThat(logs.readValuesToList()).extracting(LogEntry::requestId).containsExactly("r-1", "r-2");
    }

    @Test
    void bucketsPerUserModelAndHour() {
        publish(usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(5 * 60), UsageRecorded.SUCCESS));
        publish(usage("r-2", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(55 * 60), UsageRecorded.SUCCESS));
        publish(usage("r-3", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(61 * 60), UsageRecorded.SUCCESS));
        publish(usage("r-4", 8, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(5 * 60), UsageRecorded.SUCCESS));
        publish(usage("r-5", 7, "gpt-4o", TEN_OCLOCK.plusSeconds(5 * 60), UsageRecorded.SUCCESS));

        long ten = TEN_OCLOCK.getEpochSecond();
        Map<QuotaBucketKey, QuotaBucket> buckets = quotaData.readKeyValuesToMap();
        assertThat(buckets).containsOnlyKeys(
                new QuotaBucketKey(7, "gpt-4o-mini", ten),
                new QuotaBucketKey(7, "gpt-4o-mini", ten + 3600),
                new QuotaBucketKey(8, "gpt-4o-mini", ten),
                new QuotaBucketKey(7, "gpt-4o", ten));
        assertThat(buckets.get(new QuotaBucketKey(7, "gpt-4o-mini", ten)))
                .isEqualTo(new QuotaBucket(7, "alice", "gpt-4o-mini", ten, 240, 2, 20));
        assertThat(buckets.get(new QuotaBucketKey(7, "gpt-4o-mini", ten + 3600)).count()).isEqualTo(1);
    }

    @Test
    void emitsAbsoluteTotalsSoThatTheSinkCanOverwrite() {
        publish(usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(1), UsageRecorded.SUCCESS));
        publish(usage("r-2", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(2), UsageRecorded.CLIENT_ABORTED));
        publish(usage("r-3", 7, "gpt-4o-mini", TEN_OCLOCK.plusSeconds(3), UsageRecorded.SUCCESS));

        List<QuotaBucket> updates = quotaData.readValuesToList();
        assertThat(updates).extracting(QuotaBucket::count).containsExactly(1L, 2L, 3L);
        assertThat(updates).extracting(QuotaBucket::tokenUsed).containsExactly(120L, 240L, 360L);
        assertThat(updates).extracting(QuotaBucket::quota).containsExactly(10L, 20L, 30L);
    }

    @Test
    void usageLaterThanTheLimitIsLoggedButItsHourIsClosed() {
        publish(usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK.plus(UsageAnalyticsTopology.LATE_USAGE_LIMIT).plusSeconds(7200),
                UsageRecorded.SUCCESS));
        quotaData.readValuesToList();

        publish(usage("r-2", 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.SUCCESS));

        assertThat(logs.readValuesToList()).extracting(LogEntry::requestId).containsExactly("r-1", "r-2");
        assertThat(quotaData.isEmpty()).isTrue();
    }

    @Test
    void failedRequestIsAnErrorLogAndNoUsage() {
        UsageRecorded failed = new UsageRecorded("r-9", TEN_OCLOCK.toEpochMilli(), 7, "alice", 11, "default-token",
                3, "default", "gpt-4o-mini", null, 0, 0, 0, "r-9", false, 800, UsageRecorded.FAILED,
                "upstream_error", "127.0.0.1", null);
        publish(failed);

        LogEntry entry = logs.readValue();
        assertThat(entry.type()).isEqualTo(LogEntry.TYPE_ERROR).isEqualTo(6);
        assertThat(entry.content()).isEqualTo("request failed: upstream_error");
        assertThat(json(entry.other())).containsEntry("error_code", "upstream_error").containsEntry("status", "failed");
        assertThat(quotaData.isEmpty()).isTrue();
    }

    @Test
    void clientAbortedIsBilledConsumption() {
        publish(usage("r-1", 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.CLIENT_ABORTED));

        LogEntry entry = logs.readValue();
        assertThat(entry.type()).isEqualTo(LogEntry.TYPE_CONSUME);
        assertThat(entry.content()).endsWith(", client disconnected");
        assertThat(quotaData.readValue().count()).isEqualTo(1);
    }

    @Test
    void skipsRecordsWithoutRequestId() {
        publish(usage(null, 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.SUCCESS));

        assertThat(logs.isEmpty()).isTrue();
        assertThat(quotaData.isEmpty()).isTrue();
    }

    @Test
    void aWholeUsageRecordLeftInTheRepartitionTopicByAnEarlierVersionReadsAsHourlyUsage() {
        UsageRecorded whole = usage("r-old", 7, "gpt-4o-mini", TEN_OCLOCK, UsageRecorded.SUCCESS);
        byte[] bytes = Topics.USAGE.valueSerde().serializer().serialize("repartition", whole);

        HourlyUsage read = new JsonSerde<>(HourlyUsage.class).deserializer().deserialize("repartition", bytes);

        assertThat(read).isEqualTo(HourlyUsage.of(whole));
        assertThat(new JsonSerde<>(HourlyUsage.class).serializer().serialize("repartition", read).length)
                .as("a third of the bytes or less").isLessThanOrEqualTo(bytes.length / 3);
    }

    @Test
    void namesEveryStep() {
        StreamsBuilder builder = new StreamsBuilder();
        UsageAnalyticsTopology.define(builder);

        String description = builder.build().describe().toString();
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    }

    private void publish(UsageRecorded record) {
        // the broker timestamp is deliberately later than occurredAt: event time must win
        usage.pipeInput(Long.toString(record.userId()), record, Instant.ofEpochMilli(record.occurredAt()).plusSeconds(7200));
    }

    static UsageRecorded usage(String requestId, long userId, String model, Instant at, String status) {
        return new UsageRecorded(requestId, at.toEpochMilli(), userId, userId == 7 ? "alice" : "user" + userId, 11,
                "default-token", 3, "default", model, model + "-2024-07-18", 100, 20, 10, requestId, true, 1234,
                status, null, "127.0.0.1",
                Map.of("model_ratio", 0.075, "completion_ratio", 4.0, "group_ratio", 1.0));
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonSerde.MAPPER.readValue(text, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
