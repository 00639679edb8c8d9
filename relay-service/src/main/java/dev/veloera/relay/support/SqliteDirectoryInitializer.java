package dev.veloera.relay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the parent directory of a SQLite database file (e.g. {@code ./data}) before the DataSource
 * opens it; SQLite creates the file but not its directory.
 */
@Configuration(proxyBeanMethods = false)
class SqliteDirectoryInitializer {

    private static final String PREFIX = "jdbc:sqlite:";

    @Bean
    static BeanPostProcessor sqliteDirectoryCreator() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties) {
                    createParentDirectory(properties.getUrl());
                }
                return bean;
            }
        };
    }

    static void createParentDirectory(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return;
        }
        String file = url.substring(PREFIX.length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of the SQLite database " + file, e);
            }
        }
    }
}
