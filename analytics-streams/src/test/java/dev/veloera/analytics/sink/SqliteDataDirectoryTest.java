package dev.veloera.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteDataDirectoryTest {

    @Test
    void findsTheFileOfASqliteUrl() {
        assertThat(SqliteDataDirectory.databaseFile("jdbc:sqlite:./data/veloera.db?journal_mode=WAL"))
                .contains(Path.of("data/veloera.db").toAbsolutePath());
        assertThat(SqliteDataDirectory.databaseFile("jdbc:sqlite:file:/var/lib/veloera/v.db"))
                .contains(Path.of("/var/lib/veloera/v.db"));
    }

    @Test
    void ignoresOtherDatabases() {
        assertThat(SqliteDataDirectory.databaseFile("jdbc:sqlite::memory:")).isEmpty();
        assertThat(SqliteDataDirectory.databaseFile("jdbc:postgresql://localhost/veloera")).isEmpty();
        assertThat(SqliteDataDirectory.databaseFile(null)).isEmpty();
    }
}
