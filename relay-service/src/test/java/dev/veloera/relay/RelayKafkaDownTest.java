package dev.veloera.relay;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka stops while the relay (a separate JVM, {@link RelayProcesses}) serves: requests keep being
 * answered with nothing on their path waiting for Kafka, health stays UP and shows the backlog, and
 * when the broker is back (same log, same port) every record reaches the topic, each user's in the
 * order their requests were answered.
 */
class RelayKafkaDownTest {

    static final int REQUESTS = 40;
    /**
     * Any wait for Kafka on the request path would cost at least the producer's {@code max.block.ms}
     * (1 s) or its {@code request.timeout.ms} (5 s); the old design waited up to 1.5 s for an ack.
     */
    static final Duration NO_KAFKA_WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();
    RestartableKraftBroker broker;
    RelayProcesses relays;

    @AfterEach
    void stopEverything() {
        if (relays != null) {
            relays.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theRelayServesWhileKafkaIsDownAndShipsTheBacklogInOrderPerUserWhenItIsBack() throws Exception {
        broker = new RestartableKraftBroker(dir.resolve("kafka"));
        broker.start();
        broker.createTopic(UsageTopic.NAME, UsageTopic.PARTITIONS);
        relays = new RelayProcesses(dir, "relay-kafka-down");
        int port = RelayProcesses.freePort();
        relays.start("relay", port, dir.resolve("journal"), broker.bootstrapServers(), Map.of());

        Map<String, List<String>> answeredPerUser = Map.of("1", new ArrayList<>(), "2", new ArrayList<>());
        List<Long> up = serve(port, REQUESTS, answeredPerUser);
        broker.stop();
        List<Long> down = serve(port, REQUESTS, answeredPerUser);
        System.out.printf("request latency with Kafka up: median %d ms, max %d ms; with Kafka down: median %d ms, "
                + "max %d ms (%d requests each)%n", median(up), max(up), median(down), max(down), REQUESTS);
        assertThat(max(down)).as("the slowest request while Kafka is down, ms").isLessThan(NO_KAFKA_WAIT.toMillis());

        JsonNode health = health(port);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode journal = health.at("/components/usageJournal/details");
        assertThat(journal.path("pendingRecords").asLong()).as("records waiting for Kafka").isGreaterThanOrEqualTo(REQUESTS);
        assertThat(journal.path("oldestPendingSeconds").asDouble()).isPositive();

        broker.start();
        Set<String> all = new HashSet<>();
        answeredPerUser.values().forEach(all::addAll);
        // the producer reconnects within reconnect.backoff.max.ms (1 s) and retries what it holds at once
        Map<String, List<RelayProcesses.OnTopic>> onTopic = relays.consume(broker.bootstrapServers(), all,
                Duration.ofSeconds(30));
        assertThat(onTopic.keySet()).containsAll(all);
        long extra = onTopic.values().stream().mapToLong(records -> records.size() - 1).sum();
        System.out.printf("after Kafka came back: %d request ids on %s, %d extra (duplicate) records%n",
                onTopic.size(), UsageTopic.NAME, extra);
        answeredPerUser.forEach((user, answered) -> {
            List<String> inTopicOrder = onTopic.values().stream().map(List::getFirst)
                    .filter(record -> record.key().equals(user))
                    .sorted(Comparator.comparingLong(RelayProcesses.OnTopic::offset))
                    .map(RelayProcesses.OnTopic::requestId).toList();
            assertThat(inTopicOrder).as("user %s's records in the order they were answered", user)
                    .containsExactlyElementsOf(answered);
        });
    }

    /** Sends requests one after another, alternating the two users; returns each one's latency in ms. */
    private List<Long> serve(int port, int count, Map<String, List<String>> answeredPerUser) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = i % 2 == 0 ? "1" : "2";
            String key = user.equals("1") ? RelayProcesses.KEY_ALICE : RelayProcesses.KEY_BOB;
            String body = i % 4 < 2
                    ? "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi " + i + "\"}]}"
                    : "{\"model\":\"gpt-3.5-turbo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
            long started = System.nanoTime();
            HttpResponse<String> response = relays.http.send(RelayProcesses.chat(port, key, body),
                    HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - started) / 1_000_000);
            assertThat(response.statusCode()).isEqualTo(200);
            answeredPerUser.get(user).add(response.headers().firstValue("X-Veloera-Request-Id").orElseThrow());
        }
        return latencies;
    }

    private JsonNode health(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return json.readTree(relays.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
