package dev.veloera.schema.support;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Wraps each DataSource bean in a datasource-proxy {@link ProxyDataSource} reporting to
 * {@link QueryMonitoringListener}. The proxy answers {@code unwrap}/{@code isWrapperFor} with the pool behind it, so
 * Spring Boot's pool metrics ({@code hikaricp.*}, {@code jdbc.connections.*}), which find a
 * {@code HikariDataSource} through {@code DataSourceUnwrapper}, still see the pool; closing the proxy closes the pool.
 * A DataSource that already wraps a proxy (a {@code TransactionAwareDataSourceProxy} bean over it) is left alone so
 * that no statement is counted twice.
 */
final class QueryMonitoringPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<QueryMonitoringListener> listener;

    QueryMonitoringPostProcessor(ObjectProvider<QueryMonitoringListener> listener) {
        this.listener = listener;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !wrapsProxy(dataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(listener.getObject()).build();
        }
        return bean;
    }

    private static boolean wrapsProxy(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(ProxyDataSource.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
