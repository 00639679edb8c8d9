package dev.veloera.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the platform keeps its data and which ports it uses. Defaults are DESIGN.md's ports on
 * one machine; each can be changed by an environment variable (tests use free ports).
 */
record PlatformConfig(Path home, Path dataDir, int kafkaPort, int kafkaControllerPort, int relayPort,
                      int commandPort, int queryPort, int analyticsPort, boolean demo, int demoUpstreamPort) {

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
                            Environment: VELOERA_HOME, VELOERA_DATA_DIR, KAFKA_PORT, VELOERA_RELAY_PORT,
                              VELOERA_COMMAND_PORT, VELOERA_QUERY_PORT, VELOERA_ANALYTICS_PORT, VELOERA_DEMO_PORT""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown argument " + arg + " (try --help)");
            }
        }
        Path home = Path.of(env.getOrDefault("VELOERA_HOME", System.getProperty("veloera.home", "."))).toAbsolutePath().normalize();
        return new PlatformConfig(
                home,
                Path.of(env.getOrDefault("VELOERA_DATA_DIR", home.resolve("data").toString())).toAbsolutePath().normalize(),
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

    /** SQLite in WAL mode; IMMEDIATE transactions wait for the write lock instead of failing on upgrade. */
    String databaseUrl() {
        return "jdbc:sqlite:" + dataDir.resolve("veloera.db")
                + "?journal_mode=WAL&busy_timeout=30000&transaction_mode=IMMEDIATE&foreign_keys=true";
    }
}
