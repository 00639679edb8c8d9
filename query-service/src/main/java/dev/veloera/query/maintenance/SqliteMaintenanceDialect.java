package dev.veloera.query.maintenance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * SQLite: no partitions, so retention deletes rows in batches. The URL's {@code busy_timeout} bounds
 * lock waits and {@code transaction_mode=IMMEDIATE} takes the write lock at BEGIN, so each batch is
 * one short write transaction and writers (projections, the sink) get the lock between batches.
 */
final class SqliteMaintenanceDialect implements MaintenanceDialect {

    @Override
    public AutoCloseable limit(Connection c, Duration lockTimeout, Duration statementTimeout) {
        return () -> { };
    }

    @Override
    public boolean transactionalReads() {
        return false;
    }

    @Override
    public boolean partitioned(Connection c, String table) {
        return false;
    }

    @Override
    public List<Partition> partitions(Connection c, String table) {
        return List.of();
    }

    @Override
    public List<String> createMonths(Connection c, String table, List<Partition> existing, List<YearMonth> months) {
        return List.of();
    }

    @Override
    public void dropPartitions(Connection c, String table, List<Partition> partitions) {
        throw new UnsupportedOperationException("SQLite has no partitions");
    }

    @Override
    public long countRows(Connection c, Partition partition) {
        return 0;
    }

    /** {@code DELETE … WHERE id IN (SELECT id … LIMIT n)}: the stock SQLite build has no {@code DELETE … LIMIT}. */
    @Override
    public String batchDelete(String table, String condition, int limit) {
        String t = MaintenanceDialect.checkedName(table);
        return "DELETE FROM " + t + " WHERE id IN (SELECT id FROM " + t + " WHERE " + condition + " LIMIT " + limit + ")";
    }

    @Override
    public boolean conditionRepeats() {
        return false;
    }

    @Override
    public long rowCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + MaintenanceDialect.checkedName(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean rowCountIsEstimate() {
        return false;
    }
}
