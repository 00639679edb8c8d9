package dev.veloera.query.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * Seed 4.2's clean-up, without long locks: whole partitions are dropped where the table is
 * partitioned, everything else goes in batches of {@code batch-size} rows, each batch its own short
 * transaction, with {@code batch-pause} between them so the projections and the usage sink get the
 * lock in between.
 *
 * <p>Only read-model rows are deleted. The event store ({@code domain_event_entry}) keeps every
 * token's and user's history; a token or a deleted user's data removed here comes back if the
 * projections are replayed, and goes again on the next run.
 */
final class CleanupJobs {

    private static final Logger log = LoggerFactory.getLogger(CleanupJobs.class);

    private static final String OF_DELETED_USERS = "user_id IN (SELECT id FROM users WHERE deleted_at IS NOT NULL)";

    private final BoundedJdbc jdbc;
    private final MaintenanceDialect dialect;
    private final PartitionMaintenance partitions;
    private final MaintenanceProperties properties;
    private final Clock clock;

    CleanupJobs(BoundedJdbc jdbc, MaintenanceDialect dialect, PartitionMaintenance partitions,
                MaintenanceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code logs} and {@code quota_data} past their retention: whole partitions first, then the rest in batches. */
    void logs(JobRecorder recorder) {
        for (String table : PartitionMaintenance.TABLES) {
            Long cutoff = RetentionCutoff.of(properties, table, clock);
            if (cutoff == null) {
                continue;
            }
            try {
                partitions.dropExpired(table, cutoff, recorder);
                // the month the cutoff falls in, the catch-all, and every row on SQLite
                deleteInBatches(table, "created_at < ?", new Object[] {cutoff}, recorder);
            } catch (RuntimeException e) {
                log.warn("Retention of {} failed (retried on the next run): {}", table, e.getMessage());
                recorder.failed(table, e);
            }
        }
    }

    /** {@code DELETE /api/log/}: the logs older than {@code cutoff} left after whole partitions were dropped. */
    void logsBefore(long cutoff, JobRecorder recorder) {
        deleteInBatches("logs", "created_at < ?", new Object[] {cutoff}, recorder);
    }

    /**
     * Read-model tokens past their {@code expired_time} (epoch seconds; -1 or 0 = never expires). The
     * relay refuses them anyway; the event store keeps their history.
     */
    void expiredTokens(JobRecorder recorder) {
        long now = clock.instant().getEpochSecond();
        try {
            deleteInBatches("tokens", "expired_time > 0 AND expired_time < ?", new Object[] {now}, recorder);
        } catch (RuntimeException e) {
            recorder.failed("tokens", e);
        }
    }

    /**
     * Tokens and logs of users whose read-model row has {@code deleted_at} set. The user row itself stays
     * (Veloera soft-deletes users); the event store keeps the history.
     */
    void deletedUsers(JobRecorder recorder) {
        for (String table : new String[] {"tokens", "logs"}) {
            try {
                deleteInBatches(table, OF_DELETED_USERS, new Object[0], recorder);
            } catch (RuntimeException e) {
                recorder.failed(table, e);
            }
        }
    }

    private void deleteInBatches(String table, String condition, Object[] parameters, JobRecorder recorder) {
        int size = properties.batchSize();
        String sql = dialect.batchDelete(table, condition, size);
        int times = dialect.conditionRepeats() ? 2 : 1;
        while (true) {
            int deleted = jdbc.write(c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setQueryTimeout(jdbc.queryTimeoutSeconds());
                    int index = 1;
                    for (int t = 0; t < times; t++) {
                        for (Object parameter : parameters) {
                            s.setObject(index++, parameter);
                        }
                    }
                    return s.executeUpdate();
                }
            });
            recorder.deleted(table, deleted);
            if (deleted < size || recorder.outOfTime()) {
                return;
            }
            pause(properties.batchPause());
        }
    }

    private static void pause(Duration pause) {
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between two batches", e);
        }
    }
}
