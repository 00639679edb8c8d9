package dev.veloera.schema.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Storage support every service gets by depending on {@code schema}: the SQLite data directory is created before
 * the DataSource opens, and every statement is timed, counted ({@code veloera.db.queries}) and, when slower than
 * {@code veloera.db.slow-query-threshold} (default 2 s), logged at WARN; a SQLite connection is closed rather than
 * lent again after a busy or locked error ({@link SqliteConnectionEviction}). See the module's README.
 */
@AutoConfiguration
@EnableConfigurationProperties(DatabaseMonitoringProperties.class)
public class VeloeraDataSourceAutoConfiguration {

    @Bean
    static SqliteDirectoryPostProcessor veloeraSqliteDirectoryPostProcessor(Environment environment) {
        return new SqliteDirectoryPostProcessor(environment);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    static class SqlitePoolConfiguration {

        @Bean
        static SqlitePoolPostProcessor veloeraSqlitePoolPostProcessor() {
            return new SqlitePoolPostProcessor();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "veloera.db", name = "monitoring-enabled", havingValue = "true", matchIfMissing = true)
    static class QueryMonitoringConfiguration {

        @Bean
        static QueryMonitoringPostProcessor veloeraQueryMonitoringPostProcessor(ObjectProvider<QueryMonitoringListener> listener) {
            return new QueryMonitoringPostProcessor(listener);
        }

        @Bean
        QueryStatistics veloeraQueryStatistics() {
            return new QueryStatistics();
        }

        @Bean
        QueryMonitoringListener veloeraQueryMonitoringListener(QueryStatistics statistics, DatabaseMonitoringProperties properties) {
            return new QueryMonitoringListener(statistics, properties.slowQueryThreshold());
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterBinder.class)
        static class QueryMetricsConfiguration {

            @Bean
            QueryMetricsBinder veloeraQueryMetrics(QueryStatistics statistics) {
                return new QueryMetricsBinder(statistics);
            }
        }
    }
}
