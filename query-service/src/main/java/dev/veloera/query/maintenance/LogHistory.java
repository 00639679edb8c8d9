package dev.veloera.query.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Veloera's {@code DELETE /api/log/?target_timestamp=}: every log created before the target, without long locks.
 * Where {@code logs} is partitioned by month (PostgreSQL, MySQL) the months entirely before the target are dropped
 * whole; the rest (the target's own month, the catch-all, every row on SQLite) goes in batches of
 * {@code batch-size}, each its own short transaction, as the retention job does.
 */
public final class LogHistory {

    /** What was removed; {@code rows} counts dropped partitions by the engine's row estimate. */
    public record Deleted(long rows, List<String> droppedPartitions, boolean complete) {
    }

    private static final Duration BUDGET = Duration.ofMinutes(30);

    private final BoundedJdbc jdbc;
    private final MaintenanceDialect dialect;
    private final PartitionMaintenance partitions;
    private final CleanupJobs cleanup;
    private final Clock clock;

    LogHistory(BoundedJdbc jdbc, MaintenanceDialect dialect, PartitionMaintenance partitions, CleanupJobs cleanup,
               Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.partitions = partitions;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    public Deleted deleteBefore(long targetTimestamp) {
        JobRecorder recorder = new JobRecorder("delete-history-logs", "api", clock, BUDGET);
        long estimated = 0;
        if (jdbc.read(c -> dialect.partitioned(c, "logs"))) {
            estimated = jdbc.read(c -> dialect.partitions(c, "logs")).stream()
                    .filter(p -> p.entirelyBefore(targetTimestamp)).mapToLong(Partition::estimatedRows).sum();
        }
        partitions.dropExpired("logs", targetTimestamp, recorder);
        cleanup.logsBefore(targetTimestamp, recorder);
        JobResult result = recorder.result();
        JobResult.TableResult logs = result.tables().get("logs");
        List<String> dropped = logs == null ? List.of() : logs.partitionsDropped();
        return new Deleted(result.rowsDeleted() + (dropped.isEmpty() ? 0 : estimated), dropped, result.complete());
    }
}
