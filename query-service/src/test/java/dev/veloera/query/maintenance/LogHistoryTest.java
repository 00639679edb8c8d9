package dev.veloera.query.maintenance;

import com.zaxxer.hikari.HikariDataSource;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.schema.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/log/?target_timestamp=} on each engine: every log before the target goes, the months entirely
 * before it as whole partitions where {@code logs} is partitioned, the rest in batches; later logs stay.
 */
class LogHistoryTest {

    private static final YearMonth M0 = YearMonth.now(ZoneOffset.UTC);
    private static final List<TestDatabases.TestDatabase> DATABASES = new ArrayList<>();
    private static final List<HikariDataSource> POOLS = new ArrayList<>();

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
    void deletesEveryLogBeforeTheTargetAndKeepsTheRest(TestDatabases.Engine engine) {
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
        jdbc.sql("INSERT INTO users (id, username, password) VALUES (1, 'alice', 'x')").update();
        insertLog(jdbc, "m0-a", at(M0, 2));
        insertLog(jdbc, "m0-b", at(M0, 3));
        insertLog(jdbc, "ancient", 1000);
        for (int i = 0; i < 5; i++) {
            insertLog(jdbc, "m1-early-" + i, at(M0.plusMonths(1), 2 + i));
        }
        insertLog(jdbc, "m1-late", at(M0.plusMonths(1), 25));
        insertLog(jdbc, "m2", at(M0.plusMonths(2), 5));

        LogHistory history = Maintenance.create(dataSource, DatabaseEngine.of(dataSource),
                MaintenanceProperties.defaults().withBatch(2, Duration.ZERO), Clock.systemUTC(),
                new SimpleMeterRegistry()).logHistory();
        LogHistory.Deleted deleted = history.deleteBefore(at(M0.plusMonths(1), 20));

        assertThat(jdbc.sql("SELECT content FROM logs ORDER BY content").query(String.class).list())
                .containsExactly("m1-late", "m2");
        assertThat(deleted.complete()).isTrue();
        if (engine == TestDatabases.Engine.SQLITE) {
            assertThat(deleted.droppedPartitions()).isEmpty();
            assertThat(deleted.rows()).isEqualTo(8);
        } else {
            assertThat(deleted.droppedPartitions()).as("this month's partition goes whole").isNotEmpty();
        }
    }

    private static void insertLog(JdbcClient jdbc, String content, long createdAt) {
        jdbc.sql("INSERT INTO logs (user_id, created_at, type, content, username) VALUES (1, ?, 2, ?, 'u')")
                .params(createdAt, content).update();
    }
}
