package dev.veloera.relay;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The relay as a real, separate JVM ({@code java -cp <test classpath> RelayServiceApplication}) on a
 * seeded SQLite read model, with {@link MockOpenAi} as upstream and reservation endpoint; and a reader
 * of the usage topic. Users 1 (alice, {@link #KEY_ALICE}) and 2 (bob, {@link #KEY_BOB}).
 */
final class RelayProcesses implements AutoCloseable {

    static final String KEY_ALICE = "sk-" + "k".repeat(48);
    static final String KEY_BOB = "sk-" + "j".repeat(48);

    /** One record on the usage topic. */
    record OnTopic(String requestId, String key, int partition, long offset) {
    }

    final MockOpenAi mock;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** The relay processes' output, kept after the run for diagnosis. */
    private final Path logs;
    private final String database;
    private final List<Process> processes = new ArrayList<>();

    RelayProcesses(Path dir, String name) throws IOException {
        this.logs = Files.createDirectories(Path.of("target", name));
        this.mock = new MockOpenAi();
        mock.clientSawFirstChunk.countDown(); // streams are not held back for a client signal here
        this.database = "jdbc:sqlite:" + dir.resolve("veloera.db")
                + "?journal_mode=WAL&busy_timeout=30000&transaction_mode=IMMEDIATE&foreign_keys=true";
        seed();
    }

    Path logOf(String relay) {
        return logs.resolve(relay + ".log");
    }

    /** Starts a relay JVM on {@code port} with its journal in {@code journal} and waits until it is healthy. */
    Process start(String relay, int port, Path journal, String kafka, Map<String, String> extraEnv) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath, RelayServiceApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(logOf(relay).toFile());
        Map<String, String> env = builder.environment();
        env.remove("PORT");
        env.put("VELOERA_RELAY_PORT", Integer.toString(port));
        env.put("VELOERA_DB_URL", database);
        env.put("VELOERA_JOURNAL_DIR", journal.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("VELOERA_COMMAND_URL", mock.url() + "/command");
        env.put("VELOERA_QUERY_URL", mock.url() + "/query");
        env.put("SPRING_KAFKA_ADMIN_OPERATION_TIMEOUT", "1s");
        env.putAll(extraEnv);
        Process process = builder.start();
        processes.add(process);
        awaitHealthy(port, process, logOf(relay));
        return process;
    }

    private void awaitHealthy(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the relay process exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the relay process did not become healthy within 60 s:\n" + Files.readString(log));
    }

    static HttpRequest chat(int port, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * Every record on the usage topic, by request id in topic order (per partition), read until all of
     * {@code expected} are there or {@code timeout} has passed, then for half a second more.
     */
    Map<String, List<OnTopic>> consume(String bootstrap, Set<String> expected, Duration timeout) throws IOException {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, List<OnTopic>> seen = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(UsageTopic.NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String requestId = json.readTree(record.value()).path("requestId").asText();
                    seen.computeIfAbsent(requestId, k -> new ArrayList<>())
                            .add(new OnTopic(requestId, record.key(), record.partition(), record.offset()));
                }
                if (quietUntil == Long.MAX_VALUE && seen.keySet().containsAll(expected)) {
                    quietUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
        }
        return seen;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        mock.close();
    }

    private void seed() {
        Flyway.configure().dataSource(database, "", "").locations("classpath:db/migration/sqlite").load().migrate();
        SingleConnectionDataSource source = new SingleConnectionDataSource(database, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(source);
            Map.of(1L, KEY_ALICE, 2L, KEY_BOB).forEach((user, key) -> {
                jdbc.update("INSERT INTO users (id, username, password, status, group_name) VALUES (?, ?, 'x', 1, "
                        + "'default')", user, user == 1 ? "alice" : "bob");
                jdbc.update("""
                        INSERT INTO tokens (id, user_id, key_hash, status, name, expired_time, remain_quota,
                                            unlimited_quota, group_name, model_limits_enabled, model_limits)
                        VALUES (?, ?, ?, 1, ?, -1, 0, ?, '', ?, '')""", user * 10, user,
                        ApiKeyAuthenticator.hash(key), "token-" + user * 10, true, false);
            });
            jdbc.update("""
                    INSERT INTO channels (id, type, key_value, status, name, weight, base_url, models, group_name,
                                          model_mapping, priority)
                    VALUES (1, 0, 'sk-upstream', 1, 'mock', 0, ?, '', 'default', ?, 0)""", mock.url(),
                    "{\"gpt-4o-mini\":\"mock-usage\",\"gpt-3.5-turbo\":\"mock-nousage\",\"broken-model\":\"mock-fail\"}");
            for (String model : new String[] {"gpt-4o-mini", "gpt-3.5-turbo", "broken-model"}) {
                jdbc.update("INSERT INTO abilities (group_name, model, channel_id, enabled, priority, weight) "
                        + "VALUES ('default', ?, 1, ?, 0, 0)", model, true);
            }
        } finally {
            source.destroy();
        }
    }
}
