package dev.veloera.query.maintenance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.PeriodUnit;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;

/**
 * Read-model maintenance (seed sections 3.2 and 4.2): monthly partitions of {@code logs} and
 * {@code quota_data} created ahead, data past retention removed, expired tokens and deleted users'
 * data cleaned up.
 *
 * @param enabled            whether the schedule runs at all (the admin endpoint works regardless)
 * @param cron               when every job runs (Spring cron, six fields), in {@code zone}
 * @param zone               time zone of {@code cron}; partition months are always UTC
 * @param runAtStartup       create the coming partitions (the {@code partitions} job) once right after startup
 * @param partitionsAhead    how many months after the current one must have their partition
 * @param logRetention       how long {@code logs} rows are kept: a period, {@code P3M}, {@code 3m}, or a
 *                           plain number of months ({@code 3}); zero keeps them forever
 * @param quotaDataRetention the same for {@code quota_data} (defaults to the log retention)
 * @param batchSize          rows removed per DELETE statement (each in its own short transaction)
 * @param batchPause         pause between two batches, so writers get the lock in between
 * @param statementTimeout   upper bound of every maintenance statement (JDBC query timeout)
 * @param lockTimeout        how long a statement waits for a lock before giving up (PostgreSQL
 *                           {@code lock_timeout}, MySQL {@code lock_wait_timeout} / {@code innodb_lock_wait_timeout});
 *                           SQLite waits its URL's {@code busy_timeout}
 * @param jobTimeBudget      a scheduled job stops after its current batch once this has passed
 *                           (the rest goes on the next run)
 * @param requestTimeBudget  the same for a run asked through {@code POST /api/maintenance/cleanup},
 *                           kept below the relay's forward timeout
 */
@ConfigurationProperties("veloera.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 3 * * *") String cron,
        @DefaultValue("UTC") String zone,
        @DefaultValue("true") boolean runAtStartup,
        @DefaultValue("3") int partitionsAhead,
        @DefaultValue("P3M") @PeriodUnit(ChronoUnit.MONTHS) Period logRetention,
        @PeriodUnit(ChronoUnit.MONTHS) Period quotaDataRetention,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("100ms") Duration batchPause,
        @DefaultValue("60s") Duration statementTimeout,
        @DefaultValue("5s") Duration lockTimeout,
        @DefaultValue("10m") Duration jobTimeBudget,
        @DefaultValue("25s") Duration requestTimeBudget) {

    public MaintenanceProperties {
        if (quotaDataRetention == null) {
            quotaDataRetention = logRetention;
        }
        if (partitionsAhead < 0 || batchSize < 1) {
            throw new IllegalArgumentException("veloera.maintenance.partitions-ahead must be >= 0 and batch-size >= 1");
        }
        if (logRetention.isNegative() || quotaDataRetention.isNegative()) {
            throw new IllegalArgumentException("veloera.maintenance retention periods cannot be negative");
        }
    }

    /** Defaults, for tests and tools. */
    public static MaintenanceProperties defaults() {
        return new MaintenanceProperties(true, "0 30 3 * * *", "UTC", true, 3, Period.ofMonths(3), null, 5000,
                Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofSeconds(25));
    }

    public MaintenanceProperties withBatch(int size, Duration pause) {
        return new MaintenanceProperties(enabled, cron, zone, runAtStartup, partitionsAhead, logRetention,
                quotaDataRetention, size, pause, statementTimeout, lockTimeout, jobTimeBudget, requestTimeBudget);
    }
}
