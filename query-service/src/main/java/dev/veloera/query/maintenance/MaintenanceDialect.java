package dev.veloera.query.maintenance;

import dev.veloera.query.db.DatabaseEngine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * Every engine-specific statement of the maintenance jobs, one implementation per engine: the
 * partition catalog and its DDL, the batched DELETE form, row estimates and lock limits. The jobs
 * themselves ({@link PartitionMaintenance}, {@link CleanupJobs}, {@link DbStatusService}) only call these.
 */
interface MaintenanceDialect {

    static MaintenanceDialect of(DatabaseEngine engine) {
        return switch (engine) {
            case SQLITE -> new SqliteMaintenanceDialect();
            case POSTGRESQL -> new PostgresMaintenanceDialect();
            case MYSQL -> new MySqlMaintenanceDialect();
        };
    }

    /**
     * Bounds the statements of the transaction just begun on {@code c}: a lock is waited for at most
     * {@code lockTimeout}, and (where the engine can) a statement runs at most {@code statementTimeout}.
     * Returns what undoes it before the connection goes back to the pool.
     */
    AutoCloseable limit(Connection c, Duration lockTimeout, Duration statementTimeout) throws SQLException;

    /** Whether catalog reads run in a (bounded) transaction; not on SQLite, where a transaction takes the write lock. */
    default boolean transactionalReads() {
        return true;
    }

    /** Whether {@code table} is partitioned here (never on SQLite, nor on PostgreSQL before 11). */
    boolean partitioned(Connection c, String table) throws SQLException;

    /** The partitions of {@code table} in bound order, the catch-all last; empty when it is not partitioned. */
    List<Partition> partitions(Connection c, String table) throws SQLException;

    /**
     * Creates the partitions of {@code months} (UTC, ascending, none of them covered yet) after
     * {@code existing}; returns the names created. Rows of those months sitting in the catch-all move
     * into their new partition.
     */
    List<String> createMonths(Connection c, String table, List<Partition> existing, List<YearMonth> months)
            throws SQLException;

    /** Drops whole partitions (their rows go with them). */
    void dropPartitions(Connection c, String table, List<Partition> partitions) throws SQLException;

    /** Exact number of rows in the catch-all partition. */
    long countRows(Connection c, Partition partition) throws SQLException;

    /**
     * A DELETE removing at most {@code limit} rows of {@code table} matching {@code condition}
     * (SQL with {@code ?} parameters, bound twice where the form repeats it: see {@link #conditionRepeats()}).
     */
    String batchDelete(String table, String condition, int limit);

    /** Whether {@link #batchDelete} repeats the condition, so its parameters are bound twice. */
    boolean conditionRepeats();

    /** Rows of {@code table}: the catalog's estimate on PostgreSQL and MySQL, an exact count on SQLite. */
    long rowCount(Connection c, String table) throws SQLException;

    /** Whether {@link #rowCount} is an estimate. */
    boolean rowCountIsEstimate();

    static long monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
    }

    /** Only fixed names and catalog names matching this go into DDL text. */
    static String checkedName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("unexpected table or partition name: " + name);
        }
        return name;
    }
}
