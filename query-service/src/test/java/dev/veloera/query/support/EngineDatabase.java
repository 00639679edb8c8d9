package dev.veloera.query.support;

import dev.veloera.schema.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh database on one engine, migrated by the schema module, for projection tests that run on
 * SQLite, PostgreSQL and MySQL alike (unreachable servers skip locally and fail on CI, as
 * {@link TestDatabases} decides).
 */
public final class EngineDatabase {

    private final TestDatabases.TestDatabase database;
    private final JdbcClient jdbc;

    private EngineDatabase(TestDatabases.TestDatabase database) {
        this.database = database;
        this.jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(),
                database.username() == null ? "" : database.username(),
                database.password() == null ? "" : database.password()));
    }

    private static final Map<TestDatabases.Engine, EngineDatabase> SHARED = new ConcurrentHashMap<>();

    /**
     * One migrated database per engine for the whole test run (migrating MySQL takes seconds);
     * tests start by clearing the tables they use, through the projections' reset handlers.
     */
    public static EngineDatabase shared(TestDatabases.Engine engine) {
        return SHARED.computeIfAbsent(engine, e -> {
            TestDatabases.TestDatabase database = TestDatabases.create(e);
            TestDatabases.migrate(database);
            EngineDatabase shared = new EngineDatabase(database);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            return shared;
        });
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** SQLite and MySQL give booleans back as numbers, PostgreSQL as booleans. */
    public static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }

    public static long number(Object value) {
        return ((Number) value).longValue();
    }

}
