package dev.veloera.relay.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageTopic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal and its sender on an embedded KRaft broker. */
class JournalSenderTest {

    static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path dir;

    final Map<String, List<ConsumerRecord<String, String>>> consumed = new HashMap<>();
    KafkaConsumer<String, String> consumer;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, UsageTopic.PARTITIONS, UsageTopic.NAME);
        broker.afterPropertiesSet();
    }

    @AfterEach
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    /** Many threads append; Kafka gets every record once, each key's in append order. Prints the lag append → ack. */
    @Test
    void shipsEveryRecordInOrderPerKeyAndAdvancesTheAcknowledgedPosition() throws Exception {
        int threads = 16;
        int perThread = 250;
        Timer lag = Timer.builder("lag").publishPercentiles(0.5, 0.99).register(new SimpleMeterRegistry());
        try (UsageJournal journal = journal(); JournalSender sender = new JournalSender(journal, producer(), lag);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            journal.append("warm-up", value("warm-up")); // the producer connects and fetches metadata first
            awaitShipped(journal, Duration.ofSeconds(30));
            long warmUp = lag.count();
            double warmUpMs = lag.totalTime(TimeUnit.MILLISECONDS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "order-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        journal.append(key, value(key + "-" + i));
                        Thread.sleep(2); // arrivals spread over time, as requests are
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            awaitShipped(journal, Duration.ofSeconds(30));
            assertThat(sender.shippedRecords()).isEqualTo(threads * perThread + 1);
            System.out.printf("usage journal, append to Kafka ack (embedded broker, linger.ms=5): %d records over %d "
                            + "threads, mean %.2f ms%n", lag.count() - warmUp, threads,
                    (lag.totalTime(TimeUnit.MILLISECONDS) - warmUpMs) / (lag.count() - warmUp));
            assertThat(journal.ackedPosition()).isEqualTo(journal.end());
        }
        poll("order-", threads * perThread, Duration.ofSeconds(10));
        for (int t = 0; t < threads; t++) {
            String key = "order-" + t;
            assertThat(consumed.get(key)).extracting(ConsumerRecord::value)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, perThread)
                            .mapToObj(i -> new String(value(key + "-" + i), StandardCharsets.UTF_8)).toList());
        }
        Map<Double, Double> percentiles = new HashMap<>();
        for (ValueAtPercentile p : lag.takeSnapshot().percentileValues()) {
            percentiles.put(p.percentile(), p.value(TimeUnit.MILLISECONDS));
        }
        System.out.printf("usage journal, append to Kafka ack: p50 %.2f ms, p99 %.2f ms (incl. the warm-up record)%n",
                percentiles.get(0.5), percentiles.get(0.99));
    }

    /** A relay that stops before its position is persisted sends again what follows the persisted position. */
    @Test
    void resendsEverythingAfterThePersistedPositionOnRestart() throws Exception {
        try (UsageJournal journal = journal()) {
            for (int i = 0; i < 5; i++) {
                journal.append("restart", value("unsent-" + i));
            }
        } // no sender ran: nothing acknowledged
        try (UsageJournal journal = journal();
             JournalSender sender = new JournalSender(journal, producer(), anyTimer())) {
            assertThat(journal.pendingRecords()).isEqualTo(5);
            awaitShipped(journal, Duration.ofSeconds(30));
            assertThat(sender.shippedRecords()).isEqualTo(5);
        }
        poll("restart", 5, Duration.ofSeconds(10));
        assertThat(consumed.get("restart")).hasSize(5);

        // Kafka acknowledged them, but the position file is lost (as if killed before it was written)
        Files.delete(dir.resolve(AckedPosition.FILE_NAME));
        try (UsageJournal journal = journal();
             JournalSender ignored = new JournalSender(journal, producer(), anyTimer())) {
            assertThat(journal.pendingRecords()).isEqualTo(5);
            awaitShipped(journal, Duration.ofSeconds(30));
        }
        poll("restart", 10, Duration.ofSeconds(10));
        assertThat(consumed.get("restart")).extracting(ConsumerRecord::value).as("sent twice, in order both times")
                .containsExactly(values("unsent-0", "unsent-1", "unsent-2", "unsent-3", "unsent-4",
                        "unsent-0", "unsent-1", "unsent-2", "unsent-3", "unsent-4"));
    }

    private UsageJournal journal() {
        return new UsageJournal(dir, 1 << 20, Duration.ofMillis(20), new ObjectMapper());
    }

    private static Timer anyTimer() {
        return Timer.builder("lag").register(new SimpleMeterRegistry());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void awaitShipped(UsageJournal journal, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (journal.pendingRecords() > 0) {
            assertThat(System.nanoTime()).as("shipped within %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static byte[] value(String requestId) {
        return ("{\"requestId\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String[] values(String... requestIds) {
        return java.util.Arrays.stream(requestIds).map(id -> new String(value(id), StandardCharsets.UTF_8))
                .toArray(String[]::new);
    }

    /** Reads the topic from the start until {@code total} records with keys starting with {@code prefix} are there. */
    private void poll(String prefix, int total, Duration timeout) {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
            List<TopicPartition> partitions = consumer.partitionsFor(UsageTopic.NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumed.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().size())
                .sum() < total && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                consumed.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
            }
        }
    }
}
