package dev.veloera.relay.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.veloera.contracts.catalog.CatalogTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads {@code veloera.catalog.v1} into the {@link Catalog}: all partitions assigned (no consumer group: every relay
 * reads everything, and commits nothing), from the beginning up to the end offsets found at start, then
 * {@link Catalog#markLoaded()}, then follows the topic for as long as the relay runs. Until loaded the relay is not
 * healthy and {@code /v1/**} answers 503 ({@link CatalogReadiness}). Kafka unreachable: the consumer keeps trying;
 * a loaded relay keeps serving from memory meanwhile.
 */
@Component
class CatalogFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
    private static final Duration TOPIC_RETRY = Duration.ofMillis(200);

    private final Catalog catalog;
    private final Map<String, Object> consumerConfig;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    CatalogFollower(Catalog catalog, ConsumerFactory<?, ?> kafkaConsumerFactory) {
        this.catalog = catalog;
        this.consumerConfig = consumerConfig(kafkaConsumerFactory.getConfigurationProperties());
    }

    /** spring.kafka.* as configured, minus any group: assigned partitions, nothing committed, no topic auto-created. */
    static Map<String, Object> consumerConfig(Map<String, Object> configured) {
        Map<String, Object> config = new HashMap<>(configured);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "relay-catalog");
        return config;
    }

    @Override
    public void start() {
        running = true;
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        thread = Thread.ofPlatform().daemon().name("catalog-follower").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = consumer) {
            long started = System.nanoTime();
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = endOffsets(kafka, partitions);
            log.info("Reading the catalog {}: {} partition(s), {} record(s) up to the end offsets", CatalogTopic.NAME,
                    partitions.size(), end.values().stream().mapToLong(Long::longValue).sum());
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    catalog.apply(record.key(), record.value());
                }
                if (!catalog.loaded() && reached(kafka, end)) {
                    catalog.markLoaded();
                    log.info("Catalog loaded in {} ms: {} record(s) read, {} token(s); serving /v1/** and following {}",
                            (System.nanoTime() - started) / 1_000_000, catalog.recordsApplied(), catalog.tokenCount(),
                            CatalogTopic.NAME);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("The catalog follower was woken up while running; the catalog no longer follows {}",
                        CatalogTopic.NAME, e);
            }
        } catch (RuntimeException e) {
            log.error("The catalog follower stopped: the relay no longer learns of changes to keys, users, channels "
                    + "or prices. Restart the relay.", e);
        }
    }

    /** The topic's partitions once it exists: query-service creates it, and may start after this relay. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> kafka) {
        long lastWarning = 0;
        while (true) {
            try {
                List<PartitionInfo> found = kafka.partitionsFor(CatalogTopic.NAME, METADATA_WAIT);
                if (found != null && !found.isEmpty()) {
                    return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Kafka unreachable: keep asking
            }
            if (System.nanoTime() - lastWarning > Duration.ofSeconds(30).toNanos()) {
                lastWarning = System.nanoTime();
                log.warn("Waiting for the catalog topic {} (created by query-service) on Kafka; /v1/** answers 503 "
                        + "until it is read. Check KAFKA_BOOTSTRAP_SERVERS and that query-service runs.",
                        CatalogTopic.NAME);
            }
            if (!running) {
                throw new WakeupException();
            }
            pause(TOPIC_RETRY);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions) {
        while (true) {
            try {
                return kafka.endOffsets(partitions, METADATA_WAIT);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Kafka did not give the end offsets of {} within {}; asking again", CatalogTopic.NAME,
                        METADATA_WAIT);
            }
            if (!running) {
                throw new WakeupException();
            }
        }
    }

    /** Whether every partition has been read up to {@code end}; false while Kafka does not answer. */
    private static boolean reached(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> end) {
        try {
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                if (kafka.position(partition.getKey(), POLL) < partition.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
    }
}
