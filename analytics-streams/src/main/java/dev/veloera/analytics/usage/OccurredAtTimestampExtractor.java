package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is when the request happened, not when the record reached Kafka: usage replayed from the
 * relay's journal hours later still lands in the hour it was used.
 */
final class OccurredAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof UsageRecorded usage && usage.occurredAt() > 0) {
            return usage.occurredAt();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
