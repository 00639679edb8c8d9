package dev.veloera.query;

import dev.veloera.schema.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A production engine: Axon's own JDBC token store with {@code SELECT … FOR UPDATE}, BYTEA payloads. */
class PostgresQueryServiceIntegrationTest extends QueryServiceIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.TestDatabase database = TestDatabases.create(TestDatabases.Engine.POSTGRESQL);
        // dropped when the JVM ends, after Spring has closed the cached context's pool
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }
}
