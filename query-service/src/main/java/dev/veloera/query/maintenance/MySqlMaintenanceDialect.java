package dev.veloera.query.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * MySQL and MariaDB (V7): partitions {@code pYYYYMM VALUES LESS THAN (first second of the next month)},
 * the first one also holding everything older, and the catch-all {@code pmax VALUES LESS THAN MAXVALUE}.
 * Lock waits are bounded with the session's {@code lock_wait_timeout} (metadata locks of the DDL) and
 * {@code innodb_lock_wait_timeout} (row locks of the batched DELETEs), restored before the connection
 * goes back to the pool. The statements' duration: the batched DELETEs carry a JDBC query timeout;
 * {@code REORGANIZE PARTITION pmax} copies only the rows sitting in the catch-all (normally none) and
 * {@code DROP PARTITION} removes files, so neither depends on the table's size.
 */
final class MySqlMaintenanceDialect implements MaintenanceDialect {

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    @Override
    public AutoCloseable limit(Connection c, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        long before;
        long innodbBefore;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
            rs.next();
            before = rs.getLong(1);
            innodbBefore = rs.getLong(2);
        }
        long seconds = Math.max(1, lockTimeout.toSeconds());
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + seconds + ", innodb_lock_wait_timeout = " + seconds);
        }
        return () -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = " + before + ", innodb_lock_wait_timeout = " + innodbBefore);
            }
        };
    }

    @Override
    public boolean partitioned(Connection c, String table) throws SQLException {
        return !partitions(c, table).isEmpty();
    }

    @Override
    public List<Partition> partitions(Connection c, String table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT PARTITION_NAME, PARTITION_DESCRIPTION, TABLE_ROWS"
                + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                + " AND PARTITION_NAME IS NOT NULL ORDER BY PARTITION_ORDINAL_POSITION")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                Long lower = null;
                while (rs.next()) {
                    String description = rs.getString(2);
                    if (description == null || description.equalsIgnoreCase("MAXVALUE")) {
                        partitions.add(new Partition(table, rs.getString(1), lower, null, true, rs.getLong(3)));
                    } else {
                        long upper = Long.parseLong(description.trim());
                        partitions.add(new Partition(table, rs.getString(1), lower, upper, false, rs.getLong(3)));
                        lower = upper;
                    }
                }
            }
        }
        return partitions;
    }

    /**
     * Range partitions are contiguous, so new months continue from the highest bound up to the last
     * month asked for, split off the catch-all with {@code REORGANIZE PARTITION pmax}, which also moves
     * rows that already sit in {@code pmax} into their month.
     */
    @Override
    public List<String> createMonths(Connection c, String table, List<Partition> existing, List<YearMonth> months)
            throws SQLException {
        if (months.isEmpty()) {
            return List.of();
        }
        String t = MaintenanceDialect.checkedName(table);
        long highest = existing.stream().filter(p -> !p.catchAll()).mapToLong(Partition::to).max().orElse(Long.MIN_VALUE);
        YearMonth first = highest == Long.MIN_VALUE ? months.getFirst()
                : YearMonth.from(Instant.ofEpochSecond(highest).atZone(ZoneOffset.UTC));
        YearMonth last = months.getLast();
        List<String> created = new ArrayList<>();
        StringJoiner parts = new StringJoiner(", ");
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            String name = "p" + m.format(YYYYMM);
            parts.add("PARTITION " + name + " VALUES LESS THAN (" + MaintenanceDialect.monthStart(m.plusMonths(1)) + ")");
            created.add(name);
        }
        if (created.isEmpty()) {
            return created;
        }
        Partition catchAll = existing.stream().filter(Partition::catchAll).findFirst().orElse(null);
        try (Statement s = c.createStatement()) {
            if (catchAll == null) {
                s.execute("ALTER TABLE " + t + " ADD PARTITION (" + parts + ")");
            } else {
                String max = MaintenanceDialect.checkedName(catchAll.name());
                s.execute("ALTER TABLE " + t + " REORGANIZE PARTITION " + max + " INTO (" + parts
                        + ", PARTITION " + max + " VALUES LESS THAN MAXVALUE)");
            }
        }
        return created;
    }

    @Override
    public void dropPartitions(Connection c, String table, List<Partition> partitions) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        partitions.forEach(p -> names.add(MaintenanceDialect.checkedName(p.name())));
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + MaintenanceDialect.checkedName(table) + " DROP PARTITION " + names);
        }
    }

    @Override
    public long countRows(Connection c, Partition partition) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM "
                + MaintenanceDialect.checkedName(partition.table()) + " PARTITION ("
                + MaintenanceDialect.checkedName(partition.name()) + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** MySQL refuses {@code LIMIT} in an {@code IN} sub-select but has {@code DELETE … LIMIT}. */
    @Override
    public String batchDelete(String table, String condition, int limit) {
        return "DELETE FROM " + MaintenanceDialect.checkedName(table) + " WHERE " + condition + " LIMIT " + limit;
    }

    @Override
    public boolean conditionRepeats() {
        return false;
    }

    @Override
    public long rowCount(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public boolean rowCountIsEstimate() {
        return true;
    }
}
