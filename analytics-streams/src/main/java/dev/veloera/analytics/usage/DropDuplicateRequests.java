package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on the first sighting of each request id and drops the rest. Seen ids live in a window store
 * so that they expire after {@code retention} of stream time on their own. All records of one request
 * carry the same user id key and the same event time, so they meet in the same task and window.
 */
final class DropDuplicateRequests implements FixedKeyProcessorSupplier<String, UsageRecorded, UsageRecorded> {

    private static final Logger LOG = LoggerFactory.getLogger(DropDuplicateRequests.class);

    private final String storeName;
    private final Duration retention;

    DropDuplicateRequests(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(storeName, retention, retention, false),
                Serdes.String(), Serdes.Long()));
    }

    @Override
    public FixedKeyProcessor<String, UsageRecorded, UsageRecorded> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, UsageRecorded> context;
            private WindowStore<String, Long> seen;

            @Override
            public void init(FixedKeyProcessorContext<String, UsageRecorded> context) {
                this.context = context;
                this.seen = context.getStateStore(storeName);
            }

            @Override
            public void process(FixedKeyRecord<String, UsageRecorded> record) {
                UsageRecorded usage = record.value();
                if (usage == null || usage.requestId() == null || usage.requestId().isBlank()) {
                    LOG.warn("Dropped a usage record without request id (key {}): it cannot be deduplicated",
                            record.key());
                    return;
                }
                long time = record.timestamp();
                long margin = retention.toMillis();
                try (WindowStoreIterator<Long> earlier =
                             seen.fetch(usage.requestId(), Math.max(0, time - margin), time + margin)) {
                    if (earlier.hasNext()) {
                        LOG.debug("Dropped duplicate usage of request {}", usage.requestId());
                        return;
                    }
                }
                seen.put(usage.requestId(), time, time);
                context.forward(record);
            }
        };
    }
}
