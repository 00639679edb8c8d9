package dev.veloera.query;

import dev.veloera.query.support.SqliteTestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/** The embedded default: SQLite with the production URL options (no {@code FOR UPDATE}, IMMEDIATE transactions). */
class SqliteQueryServiceIntegrationTest extends QueryServiceIntegrationTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SqliteTestDatabase.url(dir));
    }
}
