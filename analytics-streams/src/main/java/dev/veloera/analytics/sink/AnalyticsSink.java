package dev.veloera.analytics.sink;

import dev.veloera.analytics.usage.LogEntry;
import dev.veloera.analytics.usage.QuotaBucket;
import dev.veloera.analytics.usage.QuotaBucketKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes the topology's output topics into the database. Offsets are committed only after a batch
 * is written; a failed write is retried (see {@link SinkConfiguration}) and, the writes being
 * idempotent, records written twice across a restart leave the tables unchanged.
 */
class AnalyticsSink {

    static final String LOGS_GROUP = "veloera-analytics-logs-sink";
    static final String QUOTA_DATA_GROUP = "veloera-analytics-quota-data-sink";

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsSink.class);

    private final AnalyticsRowWriter writer;
    private final MeterRegistry meters;

    AnalyticsSink(AnalyticsRowWriter writer, MeterRegistry meters) {
        this.writer = writer;
        this.meters = meters;
    }

    @KafkaListener(id = LOGS_GROUP, topics = "#{T(dev.veloera.analytics.usage.Topics).LOGS.name()}",
            containerFactory = SinkConfiguration.LOGS_CONTAINER_FACTORY)
    public void onLogEntries(List<ConsumerRecord<String, LogEntry>> records) {
        List<LogEntry> entries = readable(records);
        write("logs", entries.size(), () -> writer.insertLogs(entries));
    }

    @KafkaListener(id = QUOTA_DATA_GROUP, topics = "#{T(dev.veloera.analytics.usage.Topics).QUOTA_DATA.name()}",
            containerFactory = SinkConfiguration.QUOTA_DATA_CONTAINER_FACTORY)
    public void onQuotaBuckets(List<ConsumerRecord<QuotaBucketKey, QuotaBucket>> records) {
        List<QuotaBucket> buckets = readable(records);
        write("quota_data", buckets.size(), () -> writer.upsertQuotaData(buckets));
    }

    /**
     * Metrics {@code veloera.analytics.sink.records} (records written, or found written already) and
     * {@code veloera.analytics.sink.failures} (failed attempts, each retried), tagged by table.
     */
    private void write(String table, int rows, Runnable write) {
        try {
            write.run();
            meters.counter("veloera.analytics.sink.records", "table", table).increment(rows);
        } catch (DataAccessException e) {
            meters.counter("veloera.analytics.sink.failures", "table", table).increment();
            LOG.warn("Could not write {} rows to {}; the batch is retried and its offsets stay uncommitted until"
                    + " it is written. Check the database: {}", rows, table, e.getMostSpecificCause().getMessage());
            throw e;
        }
    }

    /** An unreadable record (its value is null after ErrorHandlingDeserializer) cannot be retried into shape. */
    private static <V> List<V> readable(List<? extends ConsumerRecord<?, V>> records) {
        records.stream().filter(record -> record.value() == null).forEach(record -> LOG.error(
                "Skipped unreadable record {}-{}@{}: the producer wrote something this sink cannot parse",
                record.topic(), record.partition(), record.offset()));
        return records.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList();
    }
}
