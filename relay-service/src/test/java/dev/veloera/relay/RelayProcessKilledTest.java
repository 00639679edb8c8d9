package dev.veloera.relay;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.veloera.contracts.usage.UsageTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault itself: the relay runs as a real, separate JVM ({@link RelayProcesses}) and is killed
 * with SIGKILL ({@code destroyForcibly}) while clients keep sending plain, streamed and failing
 * requests. Halfway the broker stops, so the killed relay leaves records it never shipped as well as
 * shipped ones. With the broker back, a second relay JVM started on the same journal directory must
 * ship every record the first did not get acknowledged: each request that got a complete answer has
 * its usage on the topic at least once. Records sent twice (acknowledged by Kafka after the killed
 * relay last persisted its position) are counted and printed: consumers dedupe on {@code requestId}.
 */
class RelayProcessKilledTest {

    static final int CLIENTS = 8;
    static final int ANSWERS_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    final long t0 = System.nanoTime();
    RelayProcesses relays;
    RestartableKraftBroker broker;

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
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAnsweredRequestReachesKafkaAfterTheRelayIsKilledUnderLoad() throws Exception {
        broker = new RestartableKraftBroker(dir.resolve("kafka"));
        broker.start();
        broker.createTopic(UsageTopic.NAME, UsageTopic.PARTITIONS);
        relays = new RelayProcesses(dir, "relay-process-killed");
        Path journal = dir.resolve("journal");
        int port = RelayProcesses.freePort();
        Process first = relays.start("relay-1", port, journal, broker.bootstrapServers(), Map.of());
        step("relay 1 healthy");

        // 1. clients keep sending; SIGKILL once enough answers are complete, with more in flight
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger cut = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            loops.add(clients.submit(() -> {
                for (int i = 0; sending.get(); i++) {
                    try {
                        String id = completeAnswer(port, client, i);
                        if (id != null) {
                            answered.add(id);
                        } else {
                            cut.incrementAndGet();
                        }
                    } catch (IOException e) {
                        cut.incrementAndGet(); // the relay died under this request: no complete answer
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (answered.size() < ANSWERS_BEFORE_KILL / 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        broker.stop();
        int beforeBrokerStopped = answered.size();
        step("broker stopped after " + beforeBrokerStopped + " complete answers");
        while (answered.size() < beforeBrokerStopped + ANSWERS_BEFORE_KILL / 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sending.set(false); // no new requests; those in flight are cut by the kill
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();
        Set<String> complete = Set.copyOf(answered);
        step("killed after " + complete.size() + " complete answers; " + cut.get() + " requests cut off");
        assertThat(complete.size() - beforeBrokerStopped).as("answers while the broker was down")
                .isGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL / 2);

        // 2. the broker is back; a new relay on the same journal ships what the killed one had not got acknowledged
        broker.start();
        relays.start("relay-2", RelayProcesses.freePort(), journal, broker.bootstrapServers(), Map.of());
        step("relay 2 healthy");
        Map<String, List<RelayProcesses.OnTopic>> onTopic = relays.consume(broker.bootstrapServers(), complete,
                Duration.ofSeconds(30));
        step("consumed");

        long duplicated = onTopic.values().stream().filter(records -> records.size() > 1).count();
        long extra = onTopic.values().stream().mapToLong(records -> records.size() - 1).sum();
        long unanswered = onTopic.keySet().stream().filter(id -> !complete.contains(id)).count();
        System.out.printf("kill -9 under load: %d complete answers, %d requests cut off; on %s: %d request ids, "
                        + "%d of them more than once (%d extra records), %d from requests without a complete answer%n",
                complete.size(), cut.get(), UsageTopic.NAME, onTopic.size(), duplicated, extra, unanswered);
        assertThat(onTopic.keySet()).as("every request with a complete answer has its usage on %s", UsageTopic.NAME)
                .containsAll(complete);
        assertThat(onTopic.values()).allSatisfy(records -> assertThat(records)
                .as("a duplicate is the same record, keyed by the same user").extracting(RelayProcesses.OnTopic::key)
                .containsOnly(records.getFirst().key()));
    }

    /** One request; its request id if the answer was complete (a stream up to its {@code [DONE]}), else null. */
    private String completeAnswer(int port, int client, int i) throws IOException {
        String body = switch ((client + i) % 3) {
            case 0 -> "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi " + i + "\"}]}";
            case 1 -> "{\"model\":\"gpt-3.5-turbo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi "
                    + i + "\"}]}";
            default -> "{\"model\":\"broken-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        };
        String key = client % 2 == 0 ? RelayProcesses.KEY_ALICE : RelayProcesses.KEY_BOB;
        HttpResponse<String> response;
        try {
            response = relays.http.send(RelayProcesses.chat(port, key, body), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(response.statusCode()).isIn(200, 500);
        boolean streamed = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        if (streamed && !response.body().strip().endsWith("data: [DONE]")) {
            return null;
        }
        return response.headers().firstValue("X-Veloera-Request-Id").orElseThrow();
    }

    private void step(String what) {
        System.out.printf("[%5d ms] %s%n", (System.nanoTime() - t0) / 1_000_000, what);
    }
}
