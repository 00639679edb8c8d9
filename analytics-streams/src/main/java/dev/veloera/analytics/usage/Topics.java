package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic this application reads or writes. The two output topics carry finished rows for the
 * JDBC sink: {@link #LOGS} keyed by request id, {@link #QUOTA_DATA} keyed by its bucket with absolute
 * totals, so that writing any record twice leaves the table as it was.
 */
public final class Topics {

    /** Partitions of every topic this application creates, as for the usage topic (DESIGN.md). */
    public static final int PARTITIONS = UsageTopic.PARTITIONS;

    public static final Topic<String, UsageRecorded> USAGE =
            new Topic<>(UsageTopic.NAME, Serdes.String(), new JsonSerde<>(UsageRecorded.class));

    public static final Topic<String, LogEntry> LOGS =
            new Topic<>("veloera.analytics.logs.v1", Serdes.String(), new JsonSerde<>(LogEntry.class));

    public static final Topic<QuotaBucketKey, QuotaBucket> QUOTA_DATA =
            new Topic<>("veloera.analytics.quota-data.v1", new JsonSerde<>(QuotaBucketKey.class),
                    new JsonSerde<>(QuotaBucket.class));

    private Topics() {
    }
}
