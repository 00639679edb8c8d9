package dev.veloera.platform;

import dev.veloera.contracts.usage.UsageTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: one command starts a single-node KRaft Kafka broker in this JVM and every
 * service as its own process, on SQLite under {@code ./data} or the database {@code VELOERA_DB_URL} names.
 * A service that dies is reported and restarted ({@link Supervisor}). Ctrl-C stops them in reverse order;
 * a restart keeps all data (database, Kafka log, Streams state, relay journal).
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final PlatformConfig config;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new java.util.LinkedHashMap<>();
    private KraftBroker broker;
    private Supervisor supervisor;
    private Map<String, String> serviceEnvironment;
    private DemoUpstream demoUpstream;
    private final Map<String, String> extraEnvironment;

    Platform(PlatformConfig config) {
        this(config, Map.of());
    }

    /** @param extraEnvironment added to every service's environment (a test shortens a service's interval with it) */
    Platform(PlatformConfig config, Map<String, String> extraEnvironment) {
        this.config = config;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    public static void main(String[] args) throws Exception {
        PlatformConfig config = PlatformConfig.from(args, System.getenv());
        Platform platform = new Platform(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "platform-shutdown"));
        try {
            platform.start();
        } catch (Exception e) {
            log.error("Platform failed to start: {}", e.getMessage());
            System.exit(1);
        }
        platform.printWelcome();
        stopped.await();
    }

    void start() throws Exception {
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);
        broker = new KraftBroker(dataDir.resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
        started.add(broker);
        broker.start();
        broker.ensureTopic(UsageTopic.NAME, UsageTopic.PARTITIONS);

        if (config.demo()) {
            demoUpstream = new DemoUpstream(config.demoUpstreamPort());
            started.add(demoUpstream);
            demoUpstream.start();
        }

        Map<String, String> env = sharedEnvironment();
        serviceEnvironment = Map.copyOf(env);
        // command-service first: its Flyway run creates the schema the others then find migrated
        startAndAwait(List.of(service("command-service", config.commandPort(), "VELOERA_COMMAND_PORT", env)));
        startAndAwait(List.of(
                service("query-service", config.queryPort(), "VELOERA_QUERY_PORT", env),
                service("analytics-streams", config.analyticsPort(), "VELOERA_ANALYTICS_PORT", env),
                service("relay-service", config.relayPort(), "VELOERA_RELAY_PORT", env)));

        supervisor = new Supervisor(List.copyOf(services.values()));
        started.add(supervisor);
        supervisor.start();

        if (demoUpstream != null) {
            new DemoSetup(relayUrl(), demoUpstream.baseUrl(), config.dataDir()).ensure();
        }
    }

    private Map<String, String> sharedEnvironment() {
        Path dataDir = config.dataDir();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("VELOERA_DB_URL", config.database().url());
        env.put("VELOERA_DB_USERNAME", config.database().username());
        env.put("VELOERA_DB_PASSWORD", config.database().password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("VELOERA_INTERNAL_SECRET", internalSecret());
        env.put("VELOERA_COMMAND_URL", "http://127.0.0.1:" + config.commandPort());
        env.put("VELOERA_QUERY_URL", "http://127.0.0.1:" + config.queryPort());
        env.put("VELOERA_STREAMS_STATE_DIR", dataDir.resolve("kafka-streams").toString());
        env.put("VELOERA_JOURNAL_DIR", dataDir.resolve("journal").toString());
        env.putAll(extraEnvironment);
        return env;
    }

    private ServiceProcess service(String module, int port, String portVariable, Map<String, String> shared) {
        Map<String, String> env = new java.util.HashMap<>(shared);
        env.put(portVariable, String.valueOf(port));
        ServiceProcess process = new ServiceProcess(module, config.jarOf(module), port, env, config.dataDir().resolve("logs"));
        services.put(module, process);
        return process;
    }

    private void startAndAwait(List<ServiceProcess> batch) throws Exception {
        for (ServiceProcess process : batch) {
            started.add(process);
            process.start();
        }
        for (ServiceProcess process : batch) {
            process.awaitHealthy(START_TIMEOUT);
        }
    }

    /** A fresh secret each run: only the processes started here need to know it. */
    private static String internalSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What every service process is started with (a test starts a second relay with it). */
    Map<String, String> serviceEnvironment() {
        return serviceEnvironment;
    }

    String relayUrl() {
        return "http://127.0.0.1:" + config.relayPort();
    }

    ServiceProcess service(String module) {
        return services.get(module);
    }

    KraftBroker broker() {
        return broker;
    }

    private void printWelcome() {
        StringBuilder text = new StringBuilder("""

                Veloera is running (data in %s, database %s)
                  OpenAI / Claude API : %s/v1
                  Management API      : %s/api
                  command-service     : http://127.0.0.1:%d
                  query-service       : http://127.0.0.1:%d
                  analytics-streams   : http://127.0.0.1:%d
                  Kafka               : %s
                """.formatted(config.dataDir(), config.database().describe(), relayUrl(), relayUrl(), config.commandPort(), config.queryPort(),
                config.analyticsPort(), broker.bootstrapServers()));
        if (demoUpstream != null) {
            text.append("  demo upstream       : ").append(demoUpstream.baseUrl()).append('\n');
            text.append(DemoSetup.describe(config.dataDir(), relayUrl()));
        }
        text.append("Press Ctrl-C to stop.\n");
        System.out.println(text);
    }

    /** Stops everything in the reverse order of starting; safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", started.get(i), e.getMessage());
            }
        }
        started.clear();
    }
}
