package dev.veloera.query.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL ≥ 11 (V7): partitions {@code <table>_pYYYYMM} and the {@code DEFAULT} partition
 * {@code <table>_pdefault}. Lock waits are bounded with {@code SET LOCAL lock_timeout} and {@code statement_timeout}, which end with the
 * transaction, so pooled connections keep their settings.
 */
final class PostgresMaintenanceDialect implements MaintenanceDialect {

    private static final Pattern RANGE = Pattern.compile("FROM \\('?(-?\\d+)'?\\) TO \\('?(-?\\d+)'?\\)");
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    @Override
    public AutoCloseable limit(Connection c, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
            s.execute("SET LOCAL statement_timeout = '" + Math.max(1, statementTimeout.toMillis()) + "ms'");
        }
        return () -> { };
    }

    @Override
    public boolean partitioned(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT relkind FROM pg_class WHERE oid = to_regclass(?)")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && "p".equals(rs.getString(1));
            }
        }
    }

    @Override
    public List<Partition> partitions(Connection c, String table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.relname, pg_get_expr(p.relpartbound, p.oid), p.reltuples"
                + " FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = to_regclass(?)")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String bound = rs.getString(2);
                    long estimate = Math.max(0, (long) rs.getDouble(3));
                    Matcher range = RANGE.matcher(bound == null ? "" : bound);
                    if (range.find()) {
                        partitions.add(new Partition(table, rs.getString(1), Long.parseLong(range.group(1)),
                                Long.parseLong(range.group(2)), false, estimate));
                    } else {
                        partitions.add(new Partition(table, rs.getString(1), null, null, true, estimate));
                    }
                }
            }
        }
        partitions.sort(Comparator.comparing(Partition::catchAll)
                .thenComparing(p -> p.from() == null ? Long.MIN_VALUE : p.from()));
        return partitions;
    }

    /**
     * A month without rows in the default partition is created by V7's {@code veloera_create_month_partitions};
     * otherwise PostgreSQL would refuse the new partition (the default holds rows of its range), so the
     * rows are moved into a new table first, which is then attached, all in this transaction.
     */
    @Override
    public List<String> createMonths(Connection c, String table, List<Partition> existing, List<YearMonth> months)
            throws SQLException {
        String t = MaintenanceDialect.checkedName(table);
        Partition catchAll = existing.stream().filter(Partition::catchAll).findFirst().orElse(null);
        List<String> created = new ArrayList<>();
        for (YearMonth month : months) {
            long start = MaintenanceDialect.monthStart(month);
            long end = MaintenanceDialect.monthStart(month.plusMonths(1));
            String name = t + "_p" + month.format(YYYYMM);
            long stranded = catchAll == null ? 0 : count(c, "SELECT COUNT(*) FROM "
                    + MaintenanceDialect.checkedName(catchAll.name()) + " WHERE created_at >= ? AND created_at < ?", start, end);
            if (stranded == 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT veloera_create_month_partitions(?, CAST(? AS DATE), CAST(? AS DATE))")) {
                    s.setString(1, t);
                    s.setString(2, month.atDay(1).toString());
                    s.setString(3, month.atDay(1).toString());
                    s.executeQuery().close();
                }
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + name + " (LIKE " + t + " INCLUDING DEFAULTS)");
                    s.execute("WITH moved AS (DELETE FROM " + catchAll.name() + " WHERE created_at >= " + start
                            + " AND created_at < " + end + " RETURNING *) INSERT INTO " + name + " SELECT * FROM moved");
                    s.execute("ALTER TABLE " + t + " ATTACH PARTITION " + name + " FOR VALUES FROM (" + start + ") TO (" + end + ")");
                }
            }
            created.add(name);
        }
        return created;
    }

    @Override
    public void dropPartitions(Connection c, String table, List<Partition> partitions) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Partition p : partitions) {
                s.execute("DROP TABLE " + MaintenanceDialect.checkedName(p.name()));
            }
        }
    }

    @Override
    public long countRows(Connection c, Partition partition) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM " + MaintenanceDialect.checkedName(partition.name()));
    }

    /** The condition repeats outside the sub-select so that PostgreSQL prunes the partitions it does not touch. */
    @Override
    public String batchDelete(String table, String condition, int limit) {
        String t = MaintenanceDialect.checkedName(table);
        return "DELETE FROM " + t + " WHERE " + condition + " AND id IN (SELECT id FROM " + t + " WHERE " + condition
                + " LIMIT " + limit + ")";
    }

    @Override
    public boolean conditionRepeats() {
        return true;
    }

    @Override
    public long rowCount(Connection c, String table) throws SQLException {
        // a partitioned parent has no tuples itself: sum its partitions' estimates (-1 = never analysed)
        return count(c, "SELECT COALESCE(SUM(GREATEST(c.reltuples, 0)), 0)::bigint FROM pg_class c"
                + " WHERE c.oid = to_regclass(?) OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(?))",
                table, table);
    }

    @Override
    public boolean rowCountIsEstimate() {
        return true;
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
