package dev.veloera.query.maintenance;

import com.zaxxer.hikari.HikariDataSource;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.schema.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A job whose time budget is spent stops after its current batch, says so, and the next run goes on. */
class TimeBudgetTest {

    @Test
    void stopsAfterTheCurrentBatchWhenTheBudgetIsSpent() {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Engine.SQLITE);
             HikariDataSource dataSource = new HikariDataSource()) {
            TestDatabases.migrate(db);
            dataSource.setJdbcUrl(db.url());
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("INSERT INTO users (id, username, password) VALUES (1, 'alice', 'x')").update();
            for (int i = 0; i < 5; i++) {
                jdbc.sql("INSERT INTO tokens (id, user_id, key_hash, name, expired_time) VALUES (?, 1, ?, 't', 1)")
                        .params(i + 1, "hash-" + i).update();
            }
            MaintenanceProperties defaults = MaintenanceProperties.defaults();
            MaintenanceProperties noTime = new MaintenanceProperties(true, defaults.cron(), "UTC", false, 3,
                    defaults.logRetention(), null, 2, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ZERO, Duration.ZERO);
            MaintenanceRunner runner = Maintenance.create(dataSource, DatabaseEngine.SQLITE, noTime, Clock.systemUTC(),
                    new SimpleMeterRegistry()).runner();

            JobResult first = runner.runNow(List.of(MaintenanceJob.EXPIRED_TOKENS), "test").orElseThrow().getFirst();
            assertThat(first.rowsDeleted()).isEqualTo(2);
            assertThat(first.complete()).isFalse();
            assertThat(first.errors()).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM tokens").query(Long.class).single()).isEqualTo(3L);

            runner.runNow(List.of(MaintenanceJob.EXPIRED_TOKENS), "test");
            runner.runNow(List.of(MaintenanceJob.EXPIRED_TOKENS), "test");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM tokens").query(Long.class).single()).isZero();
        }
    }
}
