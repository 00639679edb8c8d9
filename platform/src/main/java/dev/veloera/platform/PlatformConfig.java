package dev.veloera.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the platform keeps its data and which ports it uses. Defaults are DESIGN.md's ports on
 * one machine; each can be changed by an environment variable (tests use free ports).
 */
record PlatformConfig(Path home, Path dataDir, Database database, int kafkaPort, int kafkaControllerPort,
                      int relayPort, int commandPort, int queryPort, int analyticsPort, boolean demo,
                      int demoUpstreamPort) {

    /**
     * The one database every service shares: {@code VELOERA_DB_URL} (PostgreSQL, MySQL/MariaDB) with its
     * credentials, else SQLite under the data directory.
     */
    record Database(String url, String username, String password) {

        static Database from(Map<String, String> env, Path dataDir) {
            String url = env.get("VELOERA_DB_URL");
            return url == null || url.isBlank() ? sqlite(dataDir)
                    : new Database(url.trim(), env.getOrDefault("VELOERA_DB_USERNAME", ""),
                    env.getOrDefault("VELOERA_DB_PASSWORD", ""));
        }

        /** SQLite in WAL mode; IMMEDIATE transactions wait for the write lock instead of failing on upgrade. */
        static Database sqlite(Path dataDir) {
            return new Database("jdbc:sqlite:" + dataDir.resolve("veloera.db")
                    + "?journal_mode=WAL&busy_timeout=30000&transaction_mode=IMMEDIATE&foreign_keys=true", "", "");
        }

        boolean isSqlite() {
            return url.startsWith("jdbc:sqlite:");
        }

        /** The URL without its credentials or parameters, for the welcome text and logs. */
        String describe() {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    static PlatformConfig from(String[] args, Map<String, String> env) {
        boolean demo = false;
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> demo = true;
                case "-h", "--help" -> {
                    System.out.println("""
                            Usage: platform [--demo]
                              --demo   also start a built-in demo upstream and a channel pointing at it,
                                       so requests work without any provider key
                            Environment: VELOERA_HOME, VELOERA_DATA_DIR, VELOERA_DB_URL (default SQLite in the
                              data directory), VELOERA_DB_USERNAME, VELOERA_DB_PASSWORD, KAFKA_PORT,
                              VELOERA_RELAY_PORT, VELOERA_COMMAND_PORT, VELOERA_QUERY_PORT,
                              VELOERA_ANALYTICS_PORT, VELOERA_DEMO_PORT""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown argument " + arg + " (try --help)");
            }
        }
        Path home = Path.of(env.getOrDefault("VELOERA_HOME", System.getProperty("veloera.home", "."))).toAbsolutePath().normalize();
        Path dataDir = Path.of(env.getOrDefault("VELOERA_DATA_DIR", home.resolve("data").toString())).toAbsolutePath().normalize();
        return new PlatformConfig(
                home,
                dataDir,
                Database.from(env, dataDir),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "VELOERA_RELAY_PORT", 3000),
                port(env, "VELOERA_COMMAND_PORT", 8081),
                port(env, "VELOERA_QUERY_PORT", 8082),
                port(env, "VELOERA_ANALYTICS_PORT", 8083),
                demo,
                port(env, "VELOERA_DEMO_PORT", 3999));
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
    }

    Path jarOf(String module) {
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
