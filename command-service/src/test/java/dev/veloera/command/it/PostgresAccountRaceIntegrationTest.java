package dev.veloera.command.it;

import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AccountRaceScenario} on postgresql. */
class PostgresAccountRaceIntegrationTest extends AccountRaceScenario {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.POSTGRESQL);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DB);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
    }

    @AfterAll
    static void drop() {
        DB.close();
    }
}
