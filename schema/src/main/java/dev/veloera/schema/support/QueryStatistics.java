package dev.veloera.schema.support;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts and total durations of the statements a DataSource ran, per {@link QueryOperation} and outcome, plus the
 * number of slow ones. Plain counters, so that statements run before a meter registry exists (Flyway's, at startup)
 * are counted too; {@link QueryMetricsBinder} publishes them.
 */
public final class QueryStatistics {

    private final LongAdder[] counts = adders();
    private final LongAdder[] nanos = adders();
    private final LongAdder slow = new LongAdder();

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[QueryOperation.values().length * 2];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    private static int index(QueryOperation operation, boolean success) {
        return operation.ordinal() * 2 + (success ? 0 : 1);
    }

    public void record(QueryOperation operation, boolean success, long durationNanos, boolean slowQuery) {
        counts[index(operation, success)].increment();
        nanos[index(operation, success)].add(durationNanos);
        if (slowQuery) {
            slow.increment();
        }
    }

    public long count(QueryOperation operation, boolean success) {
        return counts[index(operation, success)].sum();
    }

    public long totalNanos(QueryOperation operation, boolean success) {
        return nanos[index(operation, success)].sum();
    }

    public long slowCount() {
        return slow.sum();
    }
}
