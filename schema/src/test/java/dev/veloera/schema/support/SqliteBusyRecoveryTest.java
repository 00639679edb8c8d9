package dev.veloera.schema.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction that could not begin because another process held SQLite's write lock longer than the URL's
 * {@code busy_timeout} must leave the pool usable: the next transactions on it are atomic and commit. Seen under load
 * before the fix: the driver had switched the connection out of auto-commit before its {@code BEGIN IMMEDIATE} failed,
 * the pool handed it out again, every later statement on it committed alone and every commit failed with "cannot
 * commit - no transaction is active", so a service's event processors retried forever.
 */
class SqliteBusyRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aTransactionRefusedForABusyDatabaseLeavesThePoolWorking() {
        String url = "jdbc:sqlite:" + dir.resolve("veloera.db") + "?journal_mode=WAL&busy_timeout=200"
                + "&transaction_mode=IMMEDIATE";
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        VeloeraDataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.hikari.maximum-pool-size=1")
                .run(context -> {
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    TransactionTemplate transactions = new TransactionTemplate(
                            context.getBean(PlatformTransactionManager.class));
                    jdbc.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");

                    try (Connection other = DriverManager.getConnection(url)) {
                        other.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock, held
                        try (Statement statement = other.createStatement()) {
                            statement.executeUpdate("INSERT INTO t VALUES (100)");
                        }
                        assertThatThrownBy(() -> transactions.executeWithoutResult(
                                status -> jdbc.update("INSERT INTO t VALUES (1)")))
                                .hasStackTraceContaining("SQLITE_BUSY");
                        other.rollback();
                    }

                    // atomic again: a transaction that fails after its insert leaves nothing
                    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                        jdbc.update("INSERT INTO t VALUES (2)");
                        throw new IllegalStateException("the rest of the work failed");
                    })).isInstanceOf(IllegalStateException.class);
                    // and one that succeeds commits
                    transactions.executeWithoutResult(status -> jdbc.update("INSERT INTO t VALUES (3)"));

                    assertThat(jdbc.queryForList("SELECT id FROM t ORDER BY id", Long.class)).containsExactly(3L);
                });
    }
}
