package dev.veloera.query.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogTopic;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes an entity's current state, as the read model holds it, to {@code veloera.catalog.v1}: the row is read
 * and sent as the value of {@code <kind>:<id>}, or a tombstone when there is no (undeleted) row. Each send waits for
 * Kafka's acknowledgement, at most {@code veloera.catalog.send-timeout}; a failure throws, so that the tracking
 * processor calling it rolls its transaction back and retries the event: at least once, in event order.
 *
 * <p>Call it from an event handler of the processing group that writes the row, ordered after that projection
 * (see {@link CatalogOrder}): a projection for option events will call {@link #publishOption(String)}.
 */
@Component
public class CatalogPublisher {

    /** The wire format is the contract records' plain JSON, whatever this service's web mapper is set up to do. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogRows rows;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaAdmin admin;
    private final Duration sendTimeout;
    private volatile boolean topicChecked;

    CatalogPublisher(CatalogRows rows, KafkaTemplate<String, String> kafka, KafkaAdmin admin,
                     CatalogProperties properties) {
        this.rows = rows;
        this.kafka = kafka;
        this.admin = admin;
        this.sendTimeout = properties.sendTimeout();
    }

    public void publishUser(long userId) {
        send(CatalogTopic.USER, userId, rows.user(userId));
    }

    public void publishToken(long tokenId) {
        send(CatalogTopic.TOKEN, tokenId, rows.token(tokenId));
    }

    public void publishChannel(long channelId) {
        send(CatalogTopic.CHANNEL, channelId, rows.channel(channelId));
    }

    public void publishOption(String key) {
        send(CatalogTopic.OPTION, key, rows.option(key));
    }

    /**
     * Every row of {@code options}, in key order. The topic is made sure of first, even with no row to send: relays
     * wait for the topic to exist, and a start-up whose topic creation timed out would otherwise leave them waiting
     * until the first event is published.
     */
    public int publishAllOptions() {
        ensureTopic(CatalogTopic.NAME);
        int published = 0;
        for (String key : rows.optionKeys()) {
            publishOption(key);
            published++;
        }
        return published;
    }

    private void send(String kind, Object id, Optional<?> state) {
        String key = CatalogTopic.key(kind, id);
        String value = state.map(this::toJson).orElse(null);
        ensureTopic(key);
        try {
            kafka.send(CatalogTopic.NAME, key, value).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailableException(key, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new CatalogUnavailableException(key, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /**
     * Creates the compacted topic if the start-up attempt missed it (Kafka was down then): a first send would
     * otherwise let the broker auto-create it with the default, non-compacting clean-up policy.
     */
    private void ensureTopic(String key) {
        if (!topicChecked) {
            if (!admin.initialize()) {
                throw new CatalogUnavailableException(key, new IllegalStateException("the topic could not be created"));
            }
            topicChecked = true;
        }
    }

    private String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog entry cannot be written as JSON: " + value, e);
        }
    }

    /** Kafka did not acknowledge a catalog record in time; the event that caused it is retried. */
    static final class CatalogUnavailableException extends RuntimeException {
        CatalogUnavailableException(String key, Throwable cause) {
            super("Kafka did not acknowledge catalog entry " + key + " on " + CatalogTopic.NAME
                    + "; the event is retried (check KAFKA_BOOTSTRAP_SERVERS and the broker): " + cause, cause);
        }
    }
}
