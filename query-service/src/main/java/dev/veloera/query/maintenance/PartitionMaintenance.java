package dev.veloera.query.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 3.2 on PostgreSQL and MySQL: keeps a partition for the current month and the next
 * {@code partitions-ahead} months of {@code logs} and {@code quota_data}, so inserts never land in the
 * catch-all; reports (log warning and gauge) rows that do sit there; drops partitions whose whole
 * month is past retention. Does nothing where the tables are not partitioned (SQLite, PostgreSQL < 11).
 */
final class PartitionMaintenance {

    static final List<String> TABLES = List.of("logs", "quota_data");

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final BoundedJdbc jdbc;
    private final MaintenanceDialect dialect;
    private final MaintenanceProperties properties;
    private final Clock clock;

    PartitionMaintenance(BoundedJdbc jdbc, MaintenanceDialect dialect, MaintenanceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.properties = properties;
        this.clock = clock;
    }

    /** The {@code partitions} job: months ahead, expired months dropped, catch-all checked, per table. */
    void run(JobRecorder recorder) {
        for (String table : TABLES) {
            try {
                if (!jdbc.read(c -> dialect.partitioned(c, table))) {
                    continue;
                }
                createAhead(table, recorder);
                dropExpired(table, RetentionCutoff.of(properties, table, clock), recorder);
                checkCatchAll(table, recorder);
            } catch (RuntimeException e) {
                log.warn("Partition maintenance of {} failed (retried on the next run): {}", table, e.getMessage());
                recorder.failed(table, e);
            }
        }
    }

    private void createAhead(String table, JobRecorder recorder) {
        List<Partition> existing = jdbc.read(c -> dialect.partitions(c, table));
        YearMonth thisMonth = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth last = thisMonth.plusMonths(properties.partitionsAhead());
        List<YearMonth> missing = new ArrayList<>();
        for (YearMonth month = firstWanted(table, existing, thisMonth); !month.isAfter(last); month = month.plusMonths(1)) {
            long start = MaintenanceDialect.monthStart(month);
            long end = MaintenanceDialect.monthStart(month.plusMonths(1));
            if (existing.stream().noneMatch(p -> p.covers(start, end))) {
                missing.add(month);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> created = jdbc.write(c -> dialect.createMonths(c, table, existing, missing));
        if (!created.isEmpty()) {
            log.info("Created partitions {} of {}", created, table);
        }
        recorder.created(table, created);
    }

    /**
     * This month, or earlier when the partitions stop before it (the job did not run for a while): the
     * months in between get their partition too, so their rows leave the catch-all, but none wholly
     * past retention.
     */
    private YearMonth firstWanted(String table, List<Partition> existing, YearMonth thisMonth) {
        long highest = existing.stream().filter(p -> !p.catchAll() && p.to() != null).mapToLong(Partition::to)
                .max().orElse(Long.MAX_VALUE);
        YearMonth first = thisMonth;
        if (highest != Long.MAX_VALUE) {
            YearMonth afterHighest = YearMonth.from(Instant.ofEpochSecond(highest).atZone(ZoneOffset.UTC));
            if (afterHighest.isBefore(first)) {
                first = afterHighest;
            }
        }
        Long cutoff = RetentionCutoff.of(properties, table, clock);
        if (cutoff != null) {
            YearMonth cutoffMonth = YearMonth.from(Instant.ofEpochSecond(cutoff).atZone(ZoneOffset.UTC));
            if (first.isBefore(cutoffMonth)) {
                first = cutoffMonth;
            }
        }
        return first;
    }

    /**
     * Drops the partitions of {@code table} holding only rows older than {@code cutoff}; a no-op when
     * the table is not partitioned or the cutoff is absent (retention zero = keep for ever).
     */
    void dropExpired(String table, Long cutoff, JobRecorder recorder) {
        if (cutoff == null || !jdbc.read(c -> dialect.partitioned(c, table))) {
            return;
        }
        List<Partition> expired = jdbc.read(c -> dialect.partitions(c, table)).stream()
                .filter(p -> p.entirelyBefore(cutoff)).toList();
        if (expired.isEmpty()) {
            return;
        }
        jdbc.write(c -> {
            dialect.dropPartitions(c, table, expired);
            return null;
        });
        List<String> names = expired.stream().map(Partition::name).toList();
        log.info("Dropped partitions {} of {} (past retention)", names, table);
        recorder.dropped(table, names);
    }

    /** Rows in the catch-all partition of {@code table}: warned about, recorded; 0 when unpartitioned. */
    long checkCatchAll(String table, JobRecorder recorder) {
        long rows = jdbc.read(c -> {
            long n = 0;
            for (Partition p : dialect.partitions(c, table)) {
                if (p.catchAll()) {
                    n += dialect.countRows(c, p);
                }
            }
            return n;
        });
        if (rows > 0) {
            log.warn("{} rows of {} sit in its catch-all partition: their months have no partition of their own"
                    + " (too old, or later than the partitions created ahead), so retention cannot drop them with a"
                    + " partition; they are deleted in batches once past retention", rows, table);
        }
        recorder.catchAll(table, rows);
        return rows;
    }
}
