package dev.veloera.schema.support;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@link QueryStatistics}: {@code veloera.db.queries} (a function timer, Prometheus
 * {@code veloera_db_queries_seconds_count} / {@code _sum}) tagged {@code operation} (select, insert, update, delete,
 * other) and {@code outcome} (success, error), every combination registered from the start so that rates exist at
 * zero; and {@code veloera.db.queries.slow}, the statements slower than {@code veloera.db.slow-query-threshold}.
 */
public final class QueryMetricsBinder implements MeterBinder {

    private final QueryStatistics statistics;

    public QueryMetricsBinder(QueryStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (QueryOperation operation : QueryOperation.values()) {
            for (boolean success : new boolean[] {true, false}) {
                FunctionTimer.builder("veloera.db.queries", statistics,
                                s -> s.count(operation, success), s -> s.totalNanos(operation, success), TimeUnit.NANOSECONDS)
                        .tags("operation", operation.tag(), "outcome", success ? "success" : "error")
                        .description("SQL statements run through the service's DataSource")
                        .register(registry);
            }
        }
        FunctionCounter.builder("veloera.db.queries.slow", statistics, QueryStatistics::slowCount)
                .description("SQL statements slower than veloera.db.slow-query-threshold (logged at WARN)")
                .register(registry);
    }
}
