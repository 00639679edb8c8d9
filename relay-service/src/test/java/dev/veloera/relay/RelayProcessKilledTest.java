package dev.veloera.relay;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.relay.usage.UsagePublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault itself: the relay runs as a real, separate JVM ({@code java -cp <test classpath>
 * RelayServiceApplication}) while Kafka is unreachable, answers requests, and is killed with SIGKILL
 * ({@code destroyForcibly}) the moment the last answer is complete. The relay's spool replayer
 * ({@link UsagePublisher}, as a restarted relay runs it) on the same spool directory, with an embedded
 * KRaft broker (which served the relay its catalog all along), must deliver the usage of every answered request
 * to the topic: distinct request ids on the topic == requests answered (a duplicate would carry the same request id). Everything on
 * 127.0.0.1; a second relay JVM is left out only because a Spring Boot start costs 10-30 s on this machine.
 */
class RelayProcessKilledTest {

    static final String KEY = "sk-" + "k".repeat(48);
    static final int REQUESTS = 9;

    @TempDir
    Path dir;

    /** The relay processes' output, kept after the run for diagnosis. */
    final Path logs = Path.of("target", "relay-process-killed");
    final long t0 = System.nanoTime();
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final List<Process> processes = new ArrayList<>();
    MockOpenAi mock;
    CompletableFuture<EmbeddedKafkaKraftBroker> starting;
    EmbeddedKafkaKraftBroker broker;

    @AfterEach
    void stopEverything() throws Exception {
        processes.forEach(Process::destroyForcibly);
        if (broker == null && starting != null) {
            broker = starting.get(60, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.destroy();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // the broker now boots before the relay (its catalog)
    void usageOfAnsweredRequestsSurvivesAKilledRelayAndReachesKafkaOncePerRequest() throws Exception {
        Files.createDirectories(logs);
        mock = new MockOpenAi();
        mock.clientSawFirstChunk.countDown(); // streams are not held back for a client signal here
        Path spool = dir.resolve("spool");
        starting = CompletableFuture.supplyAsync(() -> {
            EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 3, UsageTopic.NAME);
            kraft.afterPropertiesSet();
            return kraft;
        });
        broker = starting.get(60, TimeUnit.SECONDS);
        seed(broker.getBrokersAsString());
        step("broker up, catalog seeded");

        // 1. the relay as its own process; the usage producer's Kafka address answers nothing (the catalog, which a
        // relay needs before it serves, is read from the broker: spring.kafka.consumer.bootstrap-servers)
        int port = freePort();
        Process first = startRelay(port, spool, "127.0.0.1:" + freePort(), broker.getBrokersAsString(),
                logs.resolve("relay-1.log"));
        step("relay 1 started");
        awaitHealthy(port, first, logs.resolve("relay-1.log"));

        step("relay 1 healthy");
        Set<String> answered = new HashSet<>();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String body = switch (i % 3) {
                    case 0 -> "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi " + i + "\"}]}";
                    case 1 -> "{\"model\":\"gpt-3.5-turbo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi "
                            + i + "\"}]}";
                    default -> "{\"model\":\"broken-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
                };
                calls.add(clients.submit(() -> http.send(chat(port, body), HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isIn(200, 500);
                if (response.statusCode() == 200 && response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream")) {
                    assertThat(response.body().strip()).endsWith("data: [DONE]");
                }
                answered.add(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
            }
        } finally {
            clients.shutdownNow();
        }
        step("answered");
        // 2. SIGKILL right after the last answer: no shutdown hook, no flush, nothing in memory survives
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answered).hasSize(REQUESTS);
        assertThat(spooledRequestIds(spool)).as("every answered request's usage is in the spool")
                .containsExactlyInAnyOrderElementsOf(answered);

        step("killed, spool checked");
        // 3. Kafka is back; the relay's spool replayer, started on the same spool directory, delivers it
        Map<String, Object> producer = new HashMap<>(KafkaTestUtils.producerProps(broker.getBrokersAsString()));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(producer);
        UsagePublisher replayer = new UsagePublisher(new KafkaTemplate<>(factory), json, spool, Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofSeconds(5), new SimpleMeterRegistry());
        Map<String, Integer> onTopic;
        try {
            onTopic = consumeUntil(answered, Duration.ofSeconds(15));
            step("consumed " + onTopic.values().stream().mapToInt(Integer::intValue).sum() + " records");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (replayer.spoolHasPending() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(replayer.spoolHasPending()).as("the spool is trimmed once Kafka took it").isFalse();
        } finally {
            replayer.close();
            factory.destroy();
        }
        assertThat(onTopic.keySet()).as("distinct request ids on %s", UsageTopic.NAME)
                .containsExactlyInAnyOrderElementsOf(answered);
    }

    private void step(String what) {
        System.out.printf("[%5d ms] %s%n", (System.nanoTime() - t0) / 1_000_000, what);
    }

    private Process startRelay(int port, Path spool, String kafka, String catalogKafka, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath, RelayServiceApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("PORT");
        env.put("VELOERA_RELAY_PORT", Integer.toString(port));
        env.put("VELOERA_SPOOL_DIR", spool.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("SPRING_KAFKA_CONSUMER_BOOTSTRAP_SERVERS", catalogKafka);
        env.put("VELOERA_COMMAND_URL", mock.url() + "/command");
        env.put("VELOERA_QUERY_URL", mock.url() + "/query");
        env.put("VELOERA_USAGE_ACK_TIMEOUT", "1s");
        env.put("SPRING_KAFKA_ADMIN_OPERATION_TIMEOUT", "1s"); // the topic cannot be created while Kafka is away
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitHealthy(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
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
        throw new AssertionError("the relay process did not become healthy:\n" + Files.readString(log));
    }

    private Map<String, Integer> consumeUntil(Set<String> expected, Duration timeout) throws IOException {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(UsageTopic.NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(json.readTree(record.value()).path("requestId").asText(), 1, Integer::sum);
                }
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                try {
                    seen.merge(json.readTree(record.value()).path("requestId").asText(), 1, Integer::sum);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        return seen;
    }

    private List<String> spooledRequestIds(Path spool) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(spool.resolve("usage.spool"), StandardCharsets.UTF_8)) {
            ids.add(json.readTree(line.substring(line.indexOf('\t') + 1)).path("requestId").asText());
        }
        return ids;
    }

    private static HttpRequest chat(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** What the relay decides on, published to the catalog topic the way query-service publishes it. */
    private void seed(String bootstrapServers) throws Exception {
        CatalogRecords.createTopic(bootstrapServers);
        try (CatalogRecords catalog = new CatalogRecords(bootstrapServers)) {
            catalog.user(1, "alice", 1, "default")
                    .token(10, 1, KEY, 1, -1, "", false, List.of())
                    .channel(1, 0, "sk-upstream", 1, mock.url(), Map.of("gpt-4o-mini", "mock-usage",
                                    "gpt-3.5-turbo", "mock-nousage", "broken-model", "mock-fail"),
                            List.of("gpt-4o-mini", "gpt-3.5-turbo", "broken-model"), List.of("default"), 0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
