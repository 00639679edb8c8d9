package dev.veloera.schema.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file behind a {@code jdbc:sqlite:} URL. SQLite creates a missing database file but not its directory, so
 * a fresh checkout needs {@code ./data} made before the first connection; no Spring needed here.
 */
public final class SqliteFiles {

    private static final String PREFIX = "jdbc:sqlite:";

    private SqliteFiles() {}

    /**
     * The database file of a SQLite URL ({@code jdbc:sqlite:./data/veloera.db?journal_mode=WAL},
     * {@code jdbc:sqlite:file:/var/lib/v.db}, {@code jdbc:sqlite:file:///var/lib/v.db}); empty for other engines,
     * in-memory databases ({@code :memory:}, {@code file::memory:}, {@code mode=memory}) and class path resources.
     */
    public static Optional<Path> databaseFile(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String location = url.substring(PREFIX.length());
        String query = "";
        int question = location.indexOf('?');
        if (question >= 0) {
            query = location.substring(question + 1).toLowerCase(Locale.ROOT);
            location = location.substring(0, question);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
            if (location.startsWith("//")) {
                int path = location.indexOf('/', 2); // file://host/path or file:///path
                location = path < 0 ? "" : location.substring(path);
            }
        }
        if (location.isBlank() || location.startsWith(":memory:") || location.startsWith(":resource:")
                || query.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location).toAbsolutePath().normalize());
    }

    /** Creates the directory of a SQLite URL's database file if it is missing; does nothing for any other URL. */
    public static void createParentDirectory(String url) {
        databaseFile(url).map(Path::getParent).ifPresent(directory -> {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + directory + ", the directory of the SQLite database "
                        + "in spring.datasource.url (VELOERA_DB_URL): create it or point the URL elsewhere", e);
            }
        });
    }
}
