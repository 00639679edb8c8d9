package dev.veloera.command.it;

import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TopUpRaceScenario} on SQLITE. */
class SqliteTopUpRaceIntegrationTest extends TopUpRaceScenario {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DB);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }
}
