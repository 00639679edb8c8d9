package dev.veloera.schema.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFilesTest {

    @Test
    void findsTheFileOfASqliteUrl() {
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:./data/veloera.db?journal_mode=WAL&busy_timeout=30000"))
                .contains(Path.of("data/veloera.db").toAbsolutePath());
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:/var/lib/veloera/v.db")).contains(Path.of("/var/lib/veloera/v.db"));
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:/var/lib/veloera/v.db")).contains(Path.of("/var/lib/veloera/v.db"));
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:///var/lib/veloera/v.db")).contains(Path.of("/var/lib/veloera/v.db"));
    }

    @Test
    void ignoresMemoryDatabasesAndOtherEngines() {
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite::memory:")).isEmpty();
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file::memory:?cache=shared")).isEmpty();
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:shared?mode=memory&cache=shared")).isEmpty();
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite:")).isEmpty();
        assertThat(SqliteFiles.databaseFile("jdbc:sqlite::resource:db/x.db")).isEmpty();
        assertThat(SqliteFiles.databaseFile("jdbc:postgresql://localhost/veloera")).isEmpty();
        assertThat(SqliteFiles.databaseFile(null)).isEmpty();
    }

    @Test
    void createsTheMissingDirectory(@TempDir Path dir) {
        SqliteFiles.createParentDirectory("jdbc:sqlite:" + dir.resolve("a/b/veloera.db") + "?foreign_keys=true");
        assertThat(dir.resolve("a/b")).isDirectory();
        SqliteFiles.createParentDirectory("jdbc:mysql://localhost/test"); // nothing to do
    }
}
