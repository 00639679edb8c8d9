package dev.veloera.command.it;

import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RedemptionRaceScenario} on POSTGRESQL. */
class PostgresRedemptionRaceIntegrationTest extends RedemptionRaceScenario {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.POSTGRESQL);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DB);
        // one connection per racing thread
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
    }

    @AfterAll
    static void drop() {
        DB.close();
    }
}
