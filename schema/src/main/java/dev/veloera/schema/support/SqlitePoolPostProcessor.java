package dev.veloera.schema.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Gives a Hikari pool on SQLite its {@link SqliteConnectionEviction}, unless one was configured. */
final class SqlitePoolPostProcessor implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:sqlite:") && pool.getExceptionOverrideClassName() == null
                && pool.getExceptionOverride() == null) {
            pool.setExceptionOverrideClassName(SqliteConnectionEviction.class.getName());
        }
        return bean;
    }
}
