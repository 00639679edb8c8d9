package dev.veloera.query.db;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SQLite creates the database file but not its directory: create {@code ./data} (or whatever the
 * URL names) before the DataSource opens, so a fresh checkout starts without a manual step.
 */
public class SqliteDirectoryCreator implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        sqliteFile(environment.getProperty("spring.datasource.url")).ifPresent(file -> {
            Path parent = file.toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the directory " + parent + " for the SQLite database", e);
            }
        });
    }

    static java.util.Optional<Path> sqliteFile(String url) {
        if (url == null || !url.startsWith("jdbc:sqlite:")) {
            return java.util.Optional.empty();
        }
        String location = url.substring("jdbc:sqlite:".length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isBlank() || location.contains(":memory:") || location.contains("mode=memory")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(location));
    }
}
