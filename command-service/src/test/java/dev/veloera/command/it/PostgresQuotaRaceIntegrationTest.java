package dev.veloera.command.it;

import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link QuotaRaceScenario} on postgresql. */
class PostgresQuotaRaceIntegrationTest extends QuotaRaceScenario {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.POSTGRESQL);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DB);
        // the pool of 4 is for SQLite's single writer; a server engine gets one connection per racing thread
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
    }

    @AfterAll
    static void drop() {
        DB.close();
    }
}
