package dev.veloera.schema.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.jdbc.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import net.ttddyy.dsproxy.support.ProxyDataSource;

/** A small Spring Boot context like a service's: Hikari on a temp SQLite file, Actuator metrics, Prometheus. */
@ExtendWith(OutputCaptureExtension.class)
class VeloeraDataSourceAutoConfigurationTest {

    private static final String BUSY_LOOP = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000)"
            + " SELECT count(*) FROM c";

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        PrometheusMetricsExportAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class,
                        VeloeraDataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("not/yet/there/veloera.db")
                        + "?journal_mode=WAL&busy_timeout=30000", "spring.datasource.hikari.maximum-pool-size=2");
    }

    @Test
    void createsTheSqliteDirectoryBeforeTheDataSourceOpens() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(dir.resolve("not/yet/there")).isDirectory();
            context.getBean(JdbcTemplate.class).execute("CREATE TABLE t (id INTEGER)");
            assertThat(dir.resolve("not/yet/there/veloera.db")).exists();
        });
    }

    @Test
    void logsSlowStatementsWithTheirSqlAndDuration(CapturedOutput output) {
        runner().withPropertyValues("veloera.db.slow-query-threshold=20ms").run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.queryForObject("SELECT 41 + 1", Long.class);
            assertThat(jdbc.queryForObject(BUSY_LOOP, Long.class)).isEqualTo(300_000L);

            assertThat(output.getErr() + output.getOut())
                    .containsPattern("WARN .*QueryMonitoringListener -{1,2} Slow select statement: \\d+ ms \\(threshold 20 ms\\) on dataSource: "
                            + "WITH RECURSIVE c\\(x\\)")
                    .doesNotContain("SELECT 41 + 1");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("veloera.db.queries.slow").functionCounter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void countsAndTimesEveryStatementByOperationAndOutcome() {
        runner().run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            jdbc.execute("CREATE TABLE t (id INTEGER, v TEXT)");
            jdbc.update("INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
            jdbc.update("INSERT INTO t (id, v) VALUES (?, ?)", 2, "b");
            jdbc.update("UPDATE t SET v = 'c' WHERE id = 1");
            jdbc.update("DELETE FROM t WHERE id = 2");
            jdbc.queryForList("SELECT * FROM t");
            jdbc.queryForList("SELECT count(*) FROM t");
            assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM missing_table")).isNotNull();

            assertThat(queries(registry, "other", "success").count()).isEqualTo(1.0);
            assertThat(queries(registry, "insert", "success").count()).isEqualTo(2.0);
            assertThat(queries(registry, "update", "success").count()).isEqualTo(1.0);
            assertThat(queries(registry, "delete", "success").count()).isEqualTo(1.0);
            assertThat(queries(registry, "select", "success").count()).isEqualTo(2.0);
            assertThat(queries(registry, "select", "error").count()).isEqualTo(1.0);
            assertThat(queries(registry, "select", "success").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive();
            assertThat(registry.get("veloera.db.queries.slow").functionCounter().count()).isZero(); // default PT2S
        });
    }

    @Test
    void keepsThePoolVisibleToSpringBootsPoolMetrics() {
        runner().run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(ProxyDataSource.class);
            assertThat(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(2);
            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("hikaricp.connections.max").gauge()).isNotNull();
            assertThat(registry.find("hikaricp.connections.max").gauge().value()).isEqualTo(2.0);
            assertThat(registry.find("jdbc.connections.max").gauge()).isNotNull();
            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
            assertThat(scrape)
                    .contains("veloera_db_queries_seconds_count{operation=\"select\",outcome=\"success\"}")
                    .contains("veloera_db_queries_seconds_count{operation=\"delete\",outcome=\"error\"} 0")
                    .contains("veloera_db_queries_slow_total")
                    .contains("hikaricp_connections_active{pool=")
                    .contains("jdbc_connections_max{name=\"dataSource\"}");
        });
    }

    @Test
    void readsTheThresholdFromTheEnvironmentVariable() {
        runner().withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of("VELOERA_DB_SLOW_QUERY_THRESHOLD", "250ms"))))
                .run(context -> assertThat(context.getBean(DatabaseMonitoringProperties.class).slowQueryThreshold())
                        .isEqualTo(Duration.ofMillis(250)));
        runner().run(context -> assertThat(context.getBean(DatabaseMonitoringProperties.class).slowQueryThreshold())
                .isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void leavesTheDataSourceAloneWhenMonitoringIsOff() {
        runner().withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of("VELOERA_DB_MONITORING_ENABLED", "false"))))
                .run(context -> {
            assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
            assertThat(context).doesNotHaveBean(QueryMetricsBinder.class);
            assertThat(dir.resolve("not/yet/there")).isDirectory();
        });
    }

    @Test
    void doesNotNeedMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, VeloeraDataSourceAutoConfiguration.class))
                .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(MeterRegistry.class.getPackageName()))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("plain/v.db"))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(QueryMetricsBinder.class);
                    try (var connection = context.getBean(DataSource.class).getConnection();
                         var statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                    }
                    assertThat(context.getBean(QueryStatistics.class).count(QueryOperation.SELECT, true)).isEqualTo(1);
                    assertThat(Files.isDirectory(dir.resolve("plain"))).isTrue();
                });
    }

    private static FunctionTimer queries(MeterRegistry registry, String operation, String outcome) {
        return registry.get("veloera.db.queries").tags("operation", operation, "outcome", outcome).functionTimer();
    }
}
