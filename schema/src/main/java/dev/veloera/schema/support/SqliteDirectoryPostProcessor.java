package dev.veloera.schema.support;

import java.lang.reflect.Method;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Creates the directory of a SQLite database file before its DataSource is initialised, so before any connection
 * opens. The URL is the DataSource's own ({@code getJdbcUrl()} of Hikari, {@code getUrl()} of the others), which
 * also sees URLs that tests set after the environment was prepared; {@code spring.datasource.url} otherwise.
 */
final class SqliteDirectoryPostProcessor implements BeanPostProcessor {

    private final Environment environment;

    SqliteDirectoryPostProcessor(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            String url = urlOf(dataSource);
            SqliteFiles.createParentDirectory(url != null ? url : environment.getProperty("spring.datasource.url"));
        }
        return bean;
    }

    private static String urlOf(DataSource dataSource) {
        for (String getter : new String[] {"getJdbcUrl", "getUrl"}) {
            try {
                Method method = dataSource.getClass().getMethod(getter);
                if (method.getReturnType() == String.class) {
                    return (String) method.invoke(dataSource);
                }
            } catch (ReflectiveOperationException | RuntimeException notThisKind) {
                // try the next getter
            }
        }
        return null;
    }
}
