package dev.veloera.schema.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty, isolated databases for tests, on each engine Veloera supports.
 *
 * <p>SQLite gets a temporary file. PostgreSQL and MySQL/MariaDB get a uniquely named database
 * ({@code veloera_t_<random>}) created on a server and dropped on {@link TestDatabase#close()}. The server is,
 * in this order: the one named by {@code VELOERA_TEST_POSTGRES_URL} / {@code VELOERA_TEST_MYSQL_URL} when set;
 * a Testcontainers container when Testcontainers is on the class path and Docker is available; otherwise the
 * local default ({@code jdbc:postgresql://127.0.0.1:5432/test} user {@code postgres},
 * {@code jdbc:mysql://127.0.0.1:3306/test} user {@code root}, empty password; override the credentials with
 * {@code VELOERA_TEST_POSTGRES_USER/_PASSWORD}, {@code VELOERA_TEST_MYSQL_USER/_PASSWORD}).
 *
 * <p>An unreachable engine fails the test when {@code CI=true} or {@code VELOERA_REQUIRE_ALL_DATABASES=true},
 * and skips it (JUnit assumption) otherwise: a database test never passes without having run.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(TestDatabases.Engine.class)
 * void works(TestDatabases.Engine engine) {
 *     try (var db = TestDatabases.create(engine)) {
 *         TestDatabases.migrate(db);
 *         // db.url(), db.username(), db.password(), db.connect()
 *     }
 * }
 * }</pre>
 */
public final class TestDatabases {

    /** The engines, named as Flyway's {@code {vendor}} placeholder names their migration folders. */
    public enum Engine {
        SQLITE("sqlite"), POSTGRESQL("postgresql"), MYSQL("mysql");

        private final String vendor;

        Engine(String vendor) {
            this.vendor = vendor;
        }

        /** The migration location of this engine: {@code classpath:db/migration/<vendor>}. */
        public String migrationLocation() {
            return "classpath:db/migration/" + vendor;
        }
    }

    /** One test database; closing it drops the database (or deletes the SQLite file). */
    public record TestDatabase(Engine engine, String url, String username, String password, AutoCloseable dropper)
            implements AutoCloseable {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public void close() {
            try {
                dropper.close();
            } catch (Exception e) {
                System.err.println("TestDatabases: could not drop " + url + ": " + e);
            }
        }
    }

    private record Server(String adminUrl, String username, String password) {}

    private static final Map<Engine, Object> SERVERS = new ConcurrentHashMap<>();

    private TestDatabases() {}

    /** A fresh, empty database on {@code engine}; fails or skips the calling test when the engine is unreachable. */
    public static TestDatabase create(Engine engine) {
        return switch (engine) {
            case SQLITE -> sqlite();
            case POSTGRESQL, MYSQL -> onServer(engine, server(engine));
        };
    }

    /** Flyway configured for {@code db} and its engine's migrations, to adjust (e.g. {@code target("1")}) and load. */
    public static FluentConfiguration flyway(TestDatabase db) {
        return Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations(db.engine().migrationLocation());
    }

    /** Migrates {@code db} to the latest version. */
    public static void migrate(TestDatabase db) {
        flyway(db).load().migrate();
    }

    private static TestDatabase sqlite() {
        try {
            Path file = Files.createTempFile("veloera-t-", ".db");
            String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=30000"
                    + "&transaction_mode=IMMEDIATE&foreign_keys=true";
            return new TestDatabase(Engine.SQLITE, url, null, null, () -> {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary SQLite file", e);
        }
    }

    private static TestDatabase onServer(Engine engine, Server server) {
        String name = "veloera_t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(server, "CREATE DATABASE " + name);
        String url = withDatabase(server.adminUrl(), name);
        return new TestDatabase(engine, url, server.username(), server.password(), () -> {
            if (engine == Engine.POSTGRESQL) {
                // connections a test left open (a pool) would block DROP DATABASE
                execute(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
            execute(server, "DROP DATABASE IF EXISTS " + name);
        });
    }

    private static Server server(Engine engine) {
        Object server = SERVERS.computeIfAbsent(engine, TestDatabases::locate);
        if (server instanceof Server s) {
            return s;
        }
        String reason = engine + " is not reachable for tests: " + server
                + " (set VELOERA_TEST_" + prefix(engine) + "_URL, or start Docker)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("VELOERA_REQUIRE_ALL_DATABASES"))) {
            throw new IllegalStateException(reason);
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** The reachable server for {@code engine}, or the reason (a String) why there is none. */
    private static Object locate(Engine engine) {
        String p = prefix(engine);
        String url = System.getenv("VELOERA_TEST_" + p + "_URL");
        Server server;
        if (url == null && Containers.dockerAvailable()) {
            server = Containers.start(engine);
        } else {
            String defaultUrl = engine == Engine.POSTGRESQL
                    ? "jdbc:postgresql://127.0.0.1:5432/test" : "jdbc:mysql://127.0.0.1:3306/test";
            String defaultUser = engine == Engine.POSTGRESQL ? "postgres" : "root";
            server = new Server(Objects.requireNonNullElse(url, defaultUrl),
                    Objects.requireNonNullElse(System.getenv("VELOERA_TEST_" + p + "_USER"), defaultUser),
                    Objects.requireNonNullElse(System.getenv("VELOERA_TEST_" + p + "_PASSWORD"), ""));
        }
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(server.adminUrl(), server.username(), server.password())) {
            return server;
        } catch (SQLException e) {
            return server.adminUrl() + " as " + server.username() + ": " + e.getMessage();
        }
    }

    private static String prefix(Engine engine) {
        return engine == Engine.POSTGRESQL ? "POSTGRES" : "MYSQL";
    }

    private static void execute(Server server, String sql) {
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + server.adminUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the database name of a {@code jdbc:<engine>://host:port/name?params} URL. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String hostPart = slash < 0 || (query >= 0 && query < slash)
                ? url.substring(0, query < 0 ? url.length() : query) : url.substring(0, slash);
        return hostPart + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    /**
     * Testcontainers, touched only when it is on the class path (services get this class through the schema
     * test-jar, which does not carry its test-scoped dependencies). One container per engine per JVM; each
     * test database is a database inside it.
     */
    private static final class Containers {

        static boolean dockerAvailable() {
            try {
                Class.forName("org.testcontainers.DockerClientFactory");
            } catch (ClassNotFoundException e) {
                return false;
            }
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        static Server start(Engine engine) {
            if (engine == Engine.POSTGRESQL) {
                var c = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
                c.start();
                return new Server(c.getJdbcUrl(), c.getUsername(), c.getPassword());
            }
            var c = new org.testcontainers.containers.MySQLContainer<>("mysql:8.4");
            c.start();
            // MySQLContainer gives root the same password as its user; root may create databases
            return new Server(c.getJdbcUrl(), "root", c.getPassword());
        }
    }
}
