package dev.veloera.query.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus figures of the maintenance jobs: {@code veloera_db_partition_catchall_rows{table}} (rows in
 * the catch-all partition at the last check; should stay 0), {@code veloera_maintenance_rows_deleted_total{job,table}},
 * {@code veloera_maintenance_partitions_created_total{table}}, {@code veloera_maintenance_partitions_dropped_total{table}},
 * {@code veloera_maintenance_failures_total{job}}.
 */
final class MaintenanceMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> catchAll = new ConcurrentHashMap<>();

    MaintenanceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void catchAllRows(String table, long rows) {
        catchAll.computeIfAbsent(table, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("veloera.db.partition.catchall.rows", value, AtomicLong::get)
                    .description("Rows sitting in the catch-all partition (months without their own partition)")
                    .tag("table", t).register(registry);
            return value;
        }).set(rows);
    }

    void deleted(String job, String table, long rows) {
        Counter.builder("veloera.maintenance.rows.deleted").tag("job", job).tag("table", table)
                .register(registry).increment(rows);
    }

    void partitions(String table, int created, int dropped) {
        Counter.builder("veloera.maintenance.partitions.created").tag("table", table).register(registry).increment(created);
        Counter.builder("veloera.maintenance.partitions.dropped").tag("table", table).register(registry).increment(dropped);
    }

    void failed(String job) {
        Counter.builder("veloera.maintenance.failures").tag("job", job).register(registry).increment();
    }

    void record(JobResult result) {
        result.tables().forEach((table, t) -> {
            if (t.rowsDeleted() > 0) {
                deleted(result.job(), table, t.rowsDeleted());
            }
            if (!t.partitionsCreated().isEmpty() || !t.partitionsDropped().isEmpty()) {
                partitions(table, t.partitionsCreated().size(), t.partitionsDropped().size());
            }
            if (t.catchAllRows() != null) {
                catchAllRows(table, t.catchAllRows());
            }
        });
        if (!result.errors().isEmpty()) {
            failed(result.job());
        }
    }
}
