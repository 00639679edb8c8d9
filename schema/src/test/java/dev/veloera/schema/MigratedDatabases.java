package dev.veloera.schema;

import java.util.EnumMap;
import java.util.Map;

import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;

/**
 * One database per engine, migrated once and shared by the tests that only add rows (each uses its own keys),
 * so that the suite migrates PostgreSQL and MySQL twice instead of once per test. Dropped when the JVM exits.
 */
final class MigratedDatabases {

    private static final Map<Engine, TestDatabase> MIGRATED = new EnumMap<>(Engine.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (MIGRATED) {
                MIGRATED.values().forEach(TestDatabase::close);
            }
        }));
    }

    private MigratedDatabases() {}

    static TestDatabase of(Engine engine) {
        synchronized (MIGRATED) {
            return MIGRATED.computeIfAbsent(engine, e -> {
                TestDatabase db = TestDatabases.create(e);
                TestDatabases.migrate(db);
                return db;
            });
        }
    }
}
