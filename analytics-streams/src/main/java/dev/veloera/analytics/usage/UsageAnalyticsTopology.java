package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Usage events into rows for {@code logs} and {@code quota_data}.
 *
 * <pre>
 * veloera.usage.v1 ─ drop duplicate request ids ─┬─ log entry, keyed by request id ──────────────▶ logs topic
 *                                                 └─ not failed ─ what the totals need ─ by (user, model) ─ hourly totals ─▶ quota-data topic
 * </pre>
 *
 * Usage that arrives more than {@link #LATE_USAGE_LIMIT} of stream time after it happened is still
 * logged but no longer deduplicated nor added to its (closed) hour; the log sink stays idempotent
 * by {@code request_id} regardless.
 */
public final class UsageAnalyticsTopology {

    /** How long request ids are remembered and hourly buckets stay open for late usage (a relay journal shipped late). */
    public static final Duration LATE_USAGE_LIMIT = Duration.ofDays(7);

    public static final String SEEN_REQUEST_IDS_STORE = "seen-request-ids";
    public static final String HOURLY_TOTALS_STORE = "hourly-quota-totals";

    private static final Duration HOUR = Duration.ofHours(1);

    private UsageAnalyticsTopology() {
    }

    public static void define(StreamsBuilder builder) {
        KStream<String, UsageRecorded> firstSightings = builder
                .stream(Topics.USAGE.name(), Topics.USAGE.consumed("usage-source")
                        .withTimestampExtractor(new OccurredAtTimestampExtractor()))
                .processValues(new DropDuplicateRequests(SEEN_REQUEST_IDS_STORE, LATE_USAGE_LIMIT),
                        Named.as("drop-duplicate-requests"));

        firstSightings
                .mapValues(LogEntry::of, Named.as("usage-to-log-entry"))
                .selectKey((userId, entry) -> entry.requestId(), Named.as("key-log-entry-by-request-id"))
                .to(Topics.LOGS.name(), Topics.LOGS.produced("logs-sink"));

        firstSightings
                .filterNot((userId, usage) -> UsageRecorded.FAILED.equals(usage.status()),
                        Named.as("billed-usage-only"))
                .mapValues(HourlyUsage::of, Named.as("usage-to-hourly-usage"))
                .groupBy((userId, usage) -> UserModel.of(usage),
                        Grouped.with("usage-by-user-model", new JsonSerde<>(UserModel.class),
                                new JsonSerde<>(HourlyUsage.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, LATE_USAGE_LIMIT))
                .aggregate(HourlyTotals::none, (userModel, usage, totals) -> totals.add(usage),
                        Named.as("hourly-quota-totals"),
                        Materialized.<UserModel, HourlyTotals, WindowStore<Bytes, byte[]>>as(HOURLY_TOTALS_STORE)
                                .withKeySerde(new JsonSerde<>(UserModel.class))
                                .withValueSerde(new JsonSerde<>(HourlyTotals.class)))
                .toStream(Named.as("hourly-quota-totals-changes"))
                .map((window, totals) -> {
                    QuotaBucket bucket = new QuotaBucket(window.key().userId(), totals.username(),
                            window.key().modelName(), window.window().start() / 1000, totals.tokenUsed(),
                            totals.count(), totals.quota());
                    return KeyValue.pair(bucket.key(), bucket);
                }, Named.as("totals-to-quota-bucket"))
                .to(Topics.QUOTA_DATA.name(), Topics.QUOTA_DATA.produced("quota-data-sink"));
    }
}
