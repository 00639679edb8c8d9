package dev.veloera.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;

class MigrationsTest {

    private static final long NOW = java.time.Instant.now().getEpochSecond();
    private static final long LAST_MONTH = NOW - 31 * 24 * 3600;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesEmptyDatabaseToExpectedCatalog(Engine engine) throws Exception {
        SortedSet<String> expected = expectedCatalog(engine);
        Map<String, String> expectedTypes = new TreeMap<>();
        for (String line : expected) {
            String[] parts = line.split(" ");
            if (parts[0].equals("column")) {
                expectedTypes.put(parts[1], parts[2]);
            }
        }
        TestDatabase db = MigratedDatabases.of(engine);
        SortedSet<String> actual;
        try (Connection c = db.connect()) {
            actual = Catalog.read(c, engine, expectedTypes);
        }
        if (engine == Engine.SQLITE) {
            // SQLite does not keep foreign key constraint names
            expected = nameless(expected);
            actual = nameless(actual);
        }
        SortedSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        SortedSet<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        assertThat(missing).as("expected on %s but missing", engine).isEmpty();
        assertThat(unexpected).as("present on %s but not expected", engine).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void upgradesV02DatabaseInPlaceWithItsData(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabases.create(engine)) {
            TestDatabases.flyway(db).target("1").load().migrate();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(columns(c, "users")).doesNotContain("linux_do_id", "setting", "last_check_in_time");
                assertThat(columns(c, "redemptions")).doesNotContain("is_gift", "max_uses", "used_count");
                s.executeUpdate("INSERT INTO users (id, username, password, quota, aff_code) VALUES (1, 'alice', 'h1', 500, 'AFF1')");
                s.executeUpdate("INSERT INTO users (id, username, password, role) VALUES (2, 'root', 'h2', 100)");
                s.executeUpdate("INSERT INTO tokens (id, user_id, key_hash, name, remain_quota) VALUES (7, 1, 'hash-of-alice-key', 'default', 42)");
                s.executeUpdate("INSERT INTO redemptions (id, user_id, key_value, name, quota) VALUES (3, 2, '0123456789abcdef0123456789abcdef', 'promo', 1000)");
                s.executeUpdate("INSERT INTO logs (id, user_id, created_at, type, content, model_name, quota) VALUES (5, 1, " + NOW + ", 2, 'chat', 'gpt-4o', 120)");
                s.executeUpdate("INSERT INTO logs (id, user_id, created_at, type, content, model_name, quota) VALUES (6, 1, " + LAST_MONTH + ", 2, 'old chat', 'gpt-4o', 80)");
                s.executeUpdate("INSERT INTO quota_data (id, user_id, username, model_name, created_at, token_used, count, quota) VALUES (9, 1, 'alice', 'gpt-4o', " + NOW + ", 100, 2, 200)");
            }

            TestDatabases.migrate(db);

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT id, username, password, quota, role, aff_code, linux_do_id, setting, last_check_in_time FROM users ORDER BY id"))
                        .containsExactly("1|alice|h1|500|1|AFF1|null|null|null", "2|root|h2|0|100|null|null|null|null");
                assertThat(rows(s, "SELECT id, user_id, key_hash, remain_quota, key_mask FROM tokens"))
                        .containsExactly("7|1|hash-of-alice-key|42|null");
                assertThat(rows(s, "SELECT id, key_value, quota, status, max_uses, used_count FROM redemptions"))
                        .containsExactly("3|0123456789abcdef0123456789abcdef|1000|1|-1|0");
                try (ResultSet rs = s.executeQuery("SELECT is_gift FROM redemptions WHERE id = 3")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1)).isFalse();
                    assertThat(rs.wasNull()).isFalse();
                }
                assertThat(rows(s, "SELECT id, user_id, created_at, content, quota, request_id FROM logs ORDER BY id"))
                        .containsExactly("5|1|" + NOW + "|chat|120|null", "6|1|" + LAST_MONTH + "|old chat|80|null");
                assertThat(rows(s, "SELECT id, username, model_name, created_at, token_used, count, quota FROM quota_data"))
                        .containsExactly("9|alice|gpt-4o|" + NOW + "|100|2|200");
                // the id keeps its generator (PostgreSQL's sequence did not see the explicit ids above)
                s.executeUpdate("INSERT INTO logs (user_id, created_at, content) VALUES (1, " + NOW + ", 'next')");
                assertThat(rows(s, "SELECT COUNT(*) FROM logs WHERE content = 'next' AND id IS NOT NULL")).containsExactly("1");
                assertHoldsQuotaBeyond32Bits(s);
                s.executeUpdate("INSERT INTO redemption_logs (redemption_id, user_id, used_time) VALUES (3, 1, 1700000000)");
                s.executeUpdate("DELETE FROM redemptions WHERE id = 3");
                assertThat(rows(s, "SELECT COUNT(*) FROM redemption_logs")).containsExactly("0");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsUpdatedAtCurrentOnUpdate(Engine engine) throws Exception {
        // table -> {insert, update of another column}; parents first (foreign keys)
        Map<String, String[]> tables = new java.util.LinkedHashMap<>();
        tables.put("users", new String[] {"INSERT INTO users (id, username, password) VALUES (1, 'u', 'p')", "UPDATE users SET quota = 10"});
        tables.put("tokens", new String[] {"INSERT INTO tokens (id, user_id, key_hash) VALUES (1, 1, 'h')", "UPDATE tokens SET status = 2"});
        tables.put("channels", new String[] {"INSERT INTO channels (id, key_value) VALUES (1, 'k')", "UPDATE channels SET status = 2"});
        tables.put("abilities", new String[] {"INSERT INTO abilities (group_name, model, channel_id) VALUES ('default', 'm', 1)", "UPDATE abilities SET weight = 5"});
        tables.put("redemptions", new String[] {"INSERT INTO redemptions (id, key_value) VALUES (1, 'r')", "UPDATE redemptions SET status = 2"});
        tables.put("topups", new String[] {"INSERT INTO topups (id, user_id) VALUES (1, 1)", "UPDATE topups SET status = 2"});
        tables.put("midjourney", new String[] {"INSERT INTO midjourney (id) VALUES (1)", "UPDATE midjourney SET status = 'SUCCESS'"});
        tables.put("options", new String[] {"INSERT INTO options (key_name, value) VALUES ('k', 'v')", "UPDATE options SET value = 'w'"});
        tables.put("setup", new String[] {"INSERT INTO setup (id) VALUES (1)", "UPDATE setup SET created_at = '2001-01-01 00:00:00'"});
        TestDatabase db = MigratedDatabases.of(engine);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (var entry : tables.entrySet()) {
                String table = entry.getKey();
                s.executeUpdate(entry.getValue()[0]);
                s.executeUpdate("UPDATE " + table + " SET updated_at = '2000-01-01 00:00:00'");
                assertThat(rows(s, "SELECT updated_at FROM " + table)).as("explicit value kept on %s", table)
                        .singleElement().asString().startsWith("2000-01-01");
                s.executeUpdate(entry.getValue()[1]);
                assertThat(rows(s, "SELECT updated_at FROM " + table)).as("updated_at of %s", table)
                        .singleElement().asString().doesNotStartWith("2000-").isNotEqualTo("null");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventStoreRejectsSecondEventWithSameAggregateSequence(Engine engine) throws Exception {
        TestDatabase db = MigratedDatabases.of(engine);
        try (Connection c = db.connect()) {
            appendEvent(c, "42", 0);
            appendEvent(c, "42", 1);
            appendEvent(c, "43", 0);
            assertThatThrownBy(() -> appendEvent(c, "42", 1))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        if (engine != Engine.SQLITE) {
                            assertThat(((SQLException) e).getSQLState()).startsWith("23");
                        } else {
                            assertThat(e).hasMessageContaining("UNIQUE");
                        }
                    });
            try (Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT aggregate_identifier, sequence_number FROM domain_event_entry ORDER BY global_index"))
                        .containsExactly("42|0", "42|1", "43|0");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MYSQL"})
    void partitionsLogsByMonthWithCatchAll(Engine engine) throws Exception {
        String thisMonth = "p" + java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM"));
        long year2100 = 4102444800L;
        TestDatabase db = MigratedDatabases.of(engine);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (1, " + NOW + ", 'now', 'req-1')");
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (1, " + year2100 + ", 'future', 'req-2')");
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (1, 1000, 'ancient', 'req-3')");
            // a replayed usage record carries the same request id and created_at
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO logs (user_id, created_at, content, request_id) VALUES (1, " + NOW + ", 'again', 'req-1')"))
                    .isInstanceOf(SQLException.class);
            s.executeUpdate("INSERT INTO quota_data (user_id, model_name, created_at, count) VALUES (1, 'm', " + NOW + ", 1)");
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO quota_data (user_id, model_name, created_at, count) VALUES (1, 'm', " + NOW + ", 1)"))
                    .isInstanceOf(SQLException.class);
            if (engine == Engine.POSTGRESQL) {
                assertThat(rows(s, "SELECT content || '@' || tableoid::regclass FROM logs WHERE user_id = 1 ORDER BY created_at"))
                        .containsExactly("ancient@logs_pdefault", "now@logs_" + thisMonth, "future@logs_pdefault");
            } else {
                // MySQL has no lower bound: the first monthly partition also holds everything older
                assertThat(rows(s, "SELECT content FROM logs PARTITION (" + thisMonth + ") WHERE user_id = 1 ORDER BY created_at"))
                        .containsExactly("ancient", "now");
                assertThat(rows(s, "SELECT content FROM logs PARTITION (pmax) WHERE user_id = 1")).containsExactly("future");
            }
        }
    }

    /**
     * The maintenance steps docs/schema.md gives: add coming months, drop a month past retention. Shares the
     * migrated database with the partition test, so each keeps to its own user id.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MYSQL"})
    void dropsOldMonthAndKeepsRecentRows(Engine engine) throws Exception {
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter yyyymm = java.time.format.DateTimeFormatter.ofPattern("yyyyMM");
        long jan2020 = 1577836800L;
        long feb2020 = 1580515200L;
        java.time.YearMonth ahead = now.plusMonths(4);
        long aheadStart = ahead.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        long aheadEnd = ahead.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        TestDatabase db = MigratedDatabases.of(engine);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                s.execute("SELECT veloera_create_month_partitions('logs', DATE '2020-01-01', DATE '2020-01-01')");
                s.execute("SELECT veloera_create_month_partitions('logs', DATE '" + ahead.atDay(1) + "', DATE '" + ahead.atDay(1) + "')");
            } else {
                String first = "p" + now.format(yyyymm);
                long firstEnd = now.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
                s.execute("ALTER TABLE logs REORGANIZE PARTITION " + first + " INTO (PARTITION p202001 VALUES LESS THAN ("
                        + feb2020 + "), PARTITION " + first + " VALUES LESS THAN (" + firstEnd + "))");
                s.execute("ALTER TABLE logs REORGANIZE PARTITION pmax INTO (PARTITION p" + ahead.format(yyyymm)
                        + " VALUES LESS THAN (" + aheadEnd + "), PARTITION pmax VALUES LESS THAN MAXVALUE)");
            }
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (2, " + jan2020 + ", 'expired', 'ret-1')");
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (2, " + NOW + ", 'recent', 'ret-2')");
            s.executeUpdate("INSERT INTO logs (user_id, created_at, content, request_id) VALUES (2, " + aheadStart + ", 'ahead', 'ret-3')");

            s.execute(engine == Engine.POSTGRESQL ? "DROP TABLE logs_p202001" : "ALTER TABLE logs DROP PARTITION p202001");

            assertThat(rows(s, "SELECT content FROM logs WHERE user_id = 2 ORDER BY created_at")).containsExactly("recent", "ahead");
            if (engine == Engine.POSTGRESQL) {
                assertThat(rows(s, "SELECT tableoid::regclass FROM logs WHERE request_id = 'ret-3'"))
                        .containsExactly("logs_p" + ahead.format(yyyymm));
            } else {
                assertThat(rows(s, "SELECT content FROM logs PARTITION (p" + ahead.format(yyyymm) + ")")).containsExactly("ahead");
            }
        }
    }

    /**
     * V8: balances and accumulated amounts past 2^31 (about 4 295 USD at 500 000 quota per USD) are stored and read
     * back exactly, the partitioned logs and quota_data included. Needs user 1 and redemption 3.
     */
    private static void assertHoldsQuotaBeyond32Bits(Statement s) throws SQLException {
        long big = 5_000L * 500_000L + 1; // 5 000 USD
        String b = Long.toString(big);
        s.executeUpdate("UPDATE users SET quota = " + b + ", used_quota = " + b + ", request_count = " + b
                + ", aff_quota = " + b + ", aff_history_quota = " + b + " WHERE id = 1");
        s.executeUpdate("UPDATE users SET quota = quota + " + b + " WHERE id = 1");
        s.executeUpdate("UPDATE tokens SET remain_quota = " + b + ", used_quota = " + b + " WHERE id = 7");
        s.executeUpdate("INSERT INTO logs (user_id, created_at, content, quota, request_id) VALUES (1, " + NOW + ", 'big', " + b + ", 'big-1')");
        s.executeUpdate("INSERT INTO quota_data (user_id, model_name, created_at, token_used, count, quota) VALUES (1, 'big', "
                + NOW + ", " + b + ", 1, " + b + ")");
        s.executeUpdate("UPDATE redemptions SET quota = " + b + " WHERE id = 3");
        s.executeUpdate("INSERT INTO topups (id, user_id, quota) VALUES (3, 1, " + b + ")");
        s.executeUpdate("INSERT INTO midjourney (id, user_id, quota) VALUES (3, 1, " + b + ")");
        s.executeUpdate("INSERT INTO tasks (id, user_id, quota) VALUES (3, 1, " + b + ")");

        assertThat(rows(s, "SELECT quota, used_quota, request_count, aff_quota, aff_history_quota FROM users WHERE id = 1"))
                .containsExactly((2 * big) + "|" + b + "|" + b + "|" + b + "|" + b);
        assertThat(rows(s, "SELECT remain_quota, used_quota FROM tokens WHERE id = 7")).containsExactly(b + "|" + b);
        assertThat(rows(s, "SELECT quota FROM logs WHERE request_id = 'big-1'")).containsExactly(b);
        assertThat(rows(s, "SELECT token_used, quota FROM quota_data WHERE model_name = 'big'")).containsExactly(b + "|" + b);
        for (String table : List.of("redemptions", "topups", "midjourney", "tasks")) {
            assertThat(rows(s, "SELECT quota FROM " + table + " WHERE id = 3")).as(table).containsExactly(b);
        }
    }

    private static void appendEvent(Connection c, String aggregateId, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, aggregateId);
            ps.setLong(3, sequence);
            ps.setString(4, "UserAccount");
            ps.setString(5, "2026-01-01T00:00:00Z");
            ps.setString(6, "dev.veloera.contracts.user.UserRegisteredEvent");
            ps.setString(7, null);
            ps.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
            ps.setBytes(9, "{}".getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static SortedSet<String> expectedCatalog(Engine engine) throws IOException {
        SortedSet<String> lines = new TreeSet<>();
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/expected-schema.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    String engines = line.substring(1, line.indexOf(']'));
                    if (!List.of(engines.split(",")).contains(engine.name().toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    line = line.substring(line.indexOf(']') + 1);
                }
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static SortedSet<String> nameless(SortedSet<String> lines) {
        SortedSet<String> out = new TreeSet<>();
        for (String line : lines) {
            out.add(line.startsWith("fk ") ? line.replaceFirst("^fk (\\w+)\\.\\S+ ", "fk $1.? ") : line);
        }
        return out;
    }
}
