package dev.veloera.query.maintenance;

import com.zaxxer.hikari.HikariDataSource;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.schema.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance jobs on each engine, with the clock six months ahead of the migration: V7's partitions
 * (this month to three ahead) have become old, the months ahead are missing, and a row written for
 * month +5 sits in the catch-all.
 */
class MaintenanceJobsTest {

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");
    private static final YearMonth M0 = YearMonth.now(ZoneOffset.UTC);
    /** The jobs' "now": day 11 of month +6, so the 3-month cutoff falls on day 11 of month +3. */
    private static final Instant NOW = M0.plusMonths(6).atDay(11).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final List<TestDatabases.TestDatabase> DATABASES = new java.util.ArrayList<>();

    private static final List<HikariDataSource> POOLS = new java.util.ArrayList<>();

    @AfterAll
    static void drop() {
        POOLS.forEach(HikariDataSource::close);
        DATABASES.forEach(TestDatabases.TestDatabase::close);
    }

    private static long at(YearMonth month, int day) {
        return month.atDay(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 3600;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void retentionPartitionsTokensAndDeletedUsers(TestDatabases.Engine engine) {
        TestDatabases.TestDatabase db = TestDatabases.create(engine);
        DATABASES.add(db);
        TestDatabases.migrate(db);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.url());
        dataSource.setUsername(db.username() == null ? "" : db.username());
        dataSource.setPassword(db.password() == null ? "" : db.password());
        dataSource.setMaximumPoolSize(3);
        POOLS.add(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DatabaseEngine dbEngine = DatabaseEngine.of(dataSource);
        boolean partitioned = engine != TestDatabases.Engine.SQLITE;

        jdbc.sql("INSERT INTO users (id, username, password) VALUES (1, 'alice', 'x'), (2, 'bob', 'x')").update();
        jdbc.sql("UPDATE users SET deleted_at = CURRENT_TIMESTAMP WHERE id = 2").update();
        long now = NOW.getEpochSecond();
        insertToken(jdbc, 11, 1, now - 60);          // expired
        insertToken(jdbc, 12, 1, -1);                // never expires
        insertToken(jdbc, 13, 1, now + 86_400);      // expires tomorrow
        insertToken(jdbc, 14, 2, -1);                // of the deleted user

        insertLog(jdbc, 1, "old-m0", at(M0, 15));                   // V7's partition of this month: past retention
        insertLog(jdbc, 1, "ancient", 0);                           // catch-all (PostgreSQL) / first partition (MySQL)
        for (int i = 0; i < 5; i++) {
            insertLog(jdbc, 1, "old-m3-" + i, at(M0.plusMonths(3), 2 + i));  // before the cutoff, in its month
        }
        insertLog(jdbc, 1, "recent-m3", at(M0.plusMonths(3), 20));  // after the cutoff, same month
        insertLog(jdbc, 1, "recent-m5", at(M0.plusMonths(5), 3));   // no partition yet: catch-all
        insertLog(jdbc, 2, "deleted-user", at(M0.plusMonths(5), 4));
        insertQuota(jdbc, at(M0, 15));
        insertQuota(jdbc, at(M0.plusMonths(5), 3));

        MaintenanceProperties properties = MaintenanceProperties.defaults().withBatch(2, Duration.ZERO);
        Maintenance maintenance = Maintenance.create(dataSource, dbEngine, properties,
                Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

        // before: the catch-all holds the month+5 rows (and, on PostgreSQL, the ancient one)
        JobRecorder probe = new JobRecorder("probe", "test", Clock.systemUTC(), Duration.ofMinutes(1));
        long catchAll = maintenance.partitions().checkCatchAll("logs", probe);
        assertThat(catchAll).isEqualTo(switch (engine) {
            case SQLITE -> 0L;
            case POSTGRESQL -> 3L;
            case MYSQL -> 2L;
        });

        List<JobResult> results = maintenance.runner().runNow(List.of(MaintenanceJob.values()), "test").orElseThrow();
        assertThat(results).allSatisfy(r -> assertThat(r.errors()).as(r.job()).isEmpty());
        Map<String, JobResult> byJob = maintenance.runner().lastResults();

        assertThat(jdbc.sql("SELECT content FROM logs ORDER BY content").query(String.class).list())
                .containsExactly("recent-m3", "recent-m5");
        assertThat(jdbc.sql("SELECT created_at FROM quota_data").query(Long.class).list())
                .containsExactly(at(M0.plusMonths(5), 3));
        assertThat(jdbc.sql("SELECT id FROM tokens ORDER BY id").query(Long.class).list()).containsExactly(12L, 13L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isEqualTo(2L);

        assertThat(byJob.get("expired_tokens").rowsDeleted()).isEqualTo(1);
        assertThat(byJob.get("deleted_users").tables().get("tokens").rowsDeleted()).isEqualTo(1);
        assertThat(byJob.get("deleted_users").tables().get("logs").rowsDeleted()).isEqualTo(1);
        if (partitioned) {
            // months +4 .. +9 created ahead; V7's months 0 .. +2 dropped (wholly before the cutoff); +3 stays
            JobResult partitions = byJob.get("partitions");
            assertThat(partitions.tables().get("logs").partitionsCreated()).hasSize(6);
            assertThat(partitions.tables().get("logs").partitionsDropped()).hasSize(3);
            assertThat(partitions.tables().get("logs").catchAllRows()).isEqualTo(engine == TestDatabases.Engine.POSTGRESQL ? 1L : 0L);
            assertThat(partitions.tables().get("quota_data").partitionsDropped()).hasSize(3);
            assertThat(partitionMonths(jdbc, engine, "logs")).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(3, 9).mapToObj(i -> M0.plusMonths(i).format(YYYYMM)).toList());
            // the rows of month +3 before the cutoff: 5 in batches of 2; plus the ancient row where it sat in the catch-all
            assertThat(byJob.get("logs").tables().get("logs").rowsDeleted())
                    .isEqualTo(engine == TestDatabases.Engine.POSTGRESQL ? 6 : 5);
            assertThat(byJob.get("logs").partitionsDropped()).isZero();
            // the month+5 row left the catch-all for its new partition
            assertThat(maintenance.partitions().checkCatchAll("logs", probe)).isZero();
        } else {
            assertThat(byJob.get("partitions").partitionsCreated()).isZero();
            assertThat(byJob.get("logs").tables().get("logs").rowsDeleted()).isEqualTo(7);
            assertThat(byJob.get("logs").tables().get("quota_data").rowsDeleted()).isEqualTo(1);
        }

        // a second run finds nothing to do
        List<JobResult> again = maintenance.runner().runNow(List.of(MaintenanceJob.values()), "test").orElseThrow();
        assertThat(again).allSatisfy(r -> {
            assertThat(r.errors()).isEmpty();
            assertThat(r.rowsDeleted()).isZero();
            assertThat(r.partitionsCreated()).isZero();
            assertThat(r.partitionsDropped()).isZero();
        });

        DbStatus status = new DbStatusService(dataSource, MaintenanceDialect.of(dbEngine),
                new BoundedJdbc(dataSource, MaintenanceDialect.of(dbEngine), properties), maintenance.runner(),
                new MockEnvironment().withProperty("veloera.db.slow-query-threshold", "500ms")).status();
        assertThat(status.engine()).isEqualTo(engine.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(status.slowQueryThresholdMs()).isEqualTo(500);
        assertThat(status.pool().max()).isEqualTo(3);
        assertThat(status.pool().total()).isBetween(1, 3);
        assertThat(status.lastMaintenance()).containsKeys("partitions", "logs", "expired_tokens", "deleted_users");
        DbStatus.TableStatus logs = status.tables().get("logs");
        assertThat(logs.partitioned()).isEqualTo(partitioned);
        if (partitioned) {
            assertThat(logs.catchAllRows()).isZero();
            assertThat(logs.partitions()).hasSize(8).last().satisfies(p -> assertThat(p.catchAll()).isTrue());
            Partition last = logs.partitions().get(6);
            assertThat(last.to()).isEqualTo(M0.plusMonths(10).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        } else {
            assertThat(logs.rows()).isEqualTo(2);
            assertThat(logs.estimated()).isFalse();
        }
    }

    /**
     * PostgreSQL and MySQL: a month later, with a reader holding a lock on {@code logs} in an open transaction,
     * the partition DDL gives up after the lock timeout instead of queueing (and blocking writers behind it);
     * the next run, without the reader, does the work.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabases.Engine.class, names = {"POSTGRESQL", "MYSQL"})
    void partitionDdlGivesUpOnABusyTableAfterTheLockTimeout(TestDatabases.Engine engine) throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.create(engine);
        DATABASES.add(db);
        TestDatabases.migrate(db);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.url());
        dataSource.setUsername(db.username());
        dataSource.setPassword(db.password() == null ? "" : db.password());
        POOLS.add(dataSource);
        MaintenanceProperties defaults = MaintenanceProperties.defaults();
        MaintenanceProperties oneSecond = new MaintenanceProperties(true, defaults.cron(), "UTC", false, 3,
                defaults.logRetention(), null, 100, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        // a month after V7's horizon: the current month's partition is past retention, a month ahead is missing
        Instant later = M0.plusMonths(4).atDay(11).atStartOfDay(ZoneOffset.UTC).toInstant();
        Maintenance maintenance = Maintenance.create(dataSource, DatabaseEngine.of(dataSource), oneSecond,
                Clock.fixed(later, ZoneOffset.UTC), new SimpleMeterRegistry());

        JobResult blocked;
        try (java.sql.Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            try (var s = reader.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM logs").close();
            }
            long started = System.nanoTime();
            blocked = maintenance.runner().runNow(List.of(MaintenanceJob.PARTITIONS), "test").orElseThrow().getFirst();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            reader.rollback();
        }
        assertThat(blocked.complete()).isFalse();
        assertThat(blocked.errors()).anySatisfy(e -> assertThat(e).startsWith("logs: ").containsIgnoringCase("lock"));
        assertThat(blocked.tables().get("quota_data").partitionsDropped()).hasSize(1);
        assertThat(partitionMonths(JdbcClient.create(dataSource), engine, "logs")).contains(M0.format(YYYYMM));

        JobResult free = maintenance.runner().runNow(List.of(MaintenanceJob.PARTITIONS), "test").orElseThrow().getFirst();
        assertThat(free.errors()).isEmpty();
        // PostgreSQL may have created the months ahead before the DROP waited in vain; MySQL's REORGANIZE waits too
        assertThat(blocked.tables().getOrDefault("logs", EMPTY).partitionsCreated().size()
                + free.tables().get("logs").partitionsCreated().size()).isEqualTo(4);
        assertThat(free.tables().get("logs").partitionsDropped()).hasSize(1);
        assertThat(partitionMonths(JdbcClient.create(dataSource), engine, "logs")).doesNotContain(M0.format(YYYYMM))
                .contains(M0.plusMonths(7).format(YYYYMM));
    }

    private static final JobResult.TableResult EMPTY = new JobResult.TableResult(0, List.of(), List.of(), null);

    private static List<String> partitionMonths(JdbcClient jdbc, TestDatabases.Engine engine, String table) {
        String sql = engine == TestDatabases.Engine.POSTGRESQL
                ? "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = to_regclass('" + table + "') ORDER BY c.relname"
                : "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '" + table + "' ORDER BY PARTITION_ORDINAL_POSITION";
        return jdbc.sql(sql).query(String.class).list().stream()
                .map(name -> name.substring(name.lastIndexOf('p') + 1))
                .filter(suffix -> suffix.matches("\\d{6}"))
                .toList();
    }

    private static void insertToken(JdbcClient jdbc, long id, long userId, long expiredTime) {
        jdbc.sql("INSERT INTO tokens (id, user_id, key_hash, name, expired_time) VALUES (?, ?, ?, ?, ?)")
                .params(id, userId, "hash-" + id, "token-" + id, expiredTime).update();
    }

    private static void insertLog(JdbcClient jdbc, long userId, String content, long createdAt) {
        jdbc.sql("INSERT INTO logs (user_id, created_at, type, content, username) VALUES (?, ?, 2, ?, 'u')")
                .params(userId, createdAt, content).update();
    }

    private static void insertQuota(JdbcClient jdbc, long createdAt) {
        jdbc.sql("INSERT INTO quota_data (user_id, username, model_name, created_at, token_used, count, quota)"
                + " VALUES (1, 'alice', 'gpt-4o', ?, 10, 1, 5)").param(createdAt).update();
    }
}
