package dev.veloera.analytics.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Creates the directory of a SQLite database file (such as {@code ./data}) before any DataSource
 * exists: SQLite creates the file but not its directory.
 */
class SqliteDataDirectory implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final String PREFIX = "jdbc:sqlite:";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        databaseFile(environment.getProperty("spring.datasource.url")).map(Path::getParent).ifPresent(directory -> {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the SQLite directory " + directory, e);
            }
        });
    }

    static Optional<Path> databaseFile(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String location = url.substring(PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location).toAbsolutePath().normalize());
    }
}
