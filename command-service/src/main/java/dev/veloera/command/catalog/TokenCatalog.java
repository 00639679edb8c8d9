package dev.veloera.command.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogToken;
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
 * Follows the relays' catalog ({@code veloera.catalog.v1}) from its end at start-up, so that token creation can
 * answer once the new key is what relays read: all partitions assigned, no consumer group, nothing committed. Only
 * token entries are looked at; each seen one is remembered for a minute (a waiter may register after its record went
 * by), and so is each waiter.
 */
@Component
public class TokenCatalog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenCatalog.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REMEMBERED = Duration.ofMinutes(1);

    private record Sighting(CompletableFuture<String> keyHash, long sinceNanos) {
    }

    private final Map<Long, Sighting> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> consumerConfig;
    private final boolean enabled;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    TokenCatalog(ConsumerFactory<?, ?> kafkaConsumerFactory, CatalogProperties properties) {
        this.consumerConfig = consumerConfig(kafkaConsumerFactory.getConfigurationProperties());
        this.enabled = properties.tokenWait().isPositive();
    }

    /**
     * Whether token {@code tokenId} with {@code keyHash} is in the catalog within {@code timeout}: true at once when
     * its record has already been read, false when it does not show up in time.
     */
    public boolean awaitToken(long tokenId, String keyHash, Duration timeout) {
        try {
            return keyHash.equals(sighting(tokenId).keyHash().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private Sighting sighting(long tokenId) {
        return tokens.computeIfAbsent(tokenId, id -> new Sighting(new CompletableFuture<>(), System.nanoTime()));
    }

    /**
     * spring.kafka.* as configured, minus the settlement group (this consumer only reads) and minus settlement's fetch
     * batching: a new token is waited for, so each catalog record is fetched as soon as it is there.
     */
    static Map<String, Object> consumerConfig(Map<String, Object> configured) {
        Map<String, Object> config = new HashMap<>(configured);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "command-token-catalog");
        return config;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        running = true;
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        thread = Thread.ofPlatform().daemon().name("token-catalog").start(this::run);
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
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            try {
                partitions.forEach(p -> kafka.position(p, Duration.ofSeconds(30)));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // resolved by the first poll instead; a token created meanwhile waits its timeout
            }
            log.info("Following {} from its end: token creation answers once its key is there", CatalogTopic.NAME);
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    seen(record.key(), record.value());
                }
                forgetOld();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("The token catalog follower stopped; POST /api/token/ now waits {} ({}) for every token and "
                    + "answers anyway. Restart command-service.", CatalogProperties.TOKEN_WAIT_VARIABLE, e);
        }
    }

    private void seen(String key, String value) {
        if (key == null || value == null || !CatalogTopic.TOKEN.equals(CatalogTopic.kindOf(key))) {
            return;
        }
        try {
            CatalogToken token = JSON.readValue(value, CatalogToken.class);
            sighting(token.id()).keyHash().complete(token.keyHash());
        } catch (Exception e) {
            log.debug("Catalog entry {} is not a readable token; ignored", key);
        }
    }

    private void forgetOld() {
        long now = System.nanoTime();
        tokens.values().removeIf(s -> now - s.sinceNanos() > REMEMBERED.toNanos());
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> kafka) {
        long lastWarning = 0;
        while (running) {
            try {
                List<PartitionInfo> found = kafka.partitionsFor(CatalogTopic.NAME, Duration.ofSeconds(5));
                if (found != null && !found.isEmpty()) {
                    return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Kafka unreachable: keep asking
            }
            if (System.nanoTime() - lastWarning > Duration.ofSeconds(30).toNanos()) {
                lastWarning = System.nanoTime();
                log.warn("Waiting for the catalog topic {} (created by query-service); until then POST /api/token/ "
                        + "waits up to {} and answers anyway", CatalogTopic.NAME, CatalogProperties.TOKEN_WAIT_VARIABLE);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new WakeupException();
    }
}
