package dev.veloera.relay.usage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes one {@link UsageRecorded} per relayed request without ever holding up the client: records
 * are handed to one background thread that sends them to Kafka. A record Kafka does not take (broker
 * unreachable, send timed out) goes to the {@link UsageSpool}; while the spool holds anything, new
 * records join it too, so the spool replays them in order once Kafka answers again.
 */
public class UsagePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);
    private static final int REPLAY_BATCH = 200;

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final UsageSpool spool;
    private final Duration sendTimeout;
    private final ScheduledExecutorService worker;
    private final Counter published;
    private final Counter spooled;
    private final Counter replayed;

    /**
     * @param sendTimeout how long a replay waits for one batch's acknowledgements before it gives up
     *                    until the next interval
     */
    public UsagePublisher(KafkaTemplate<String, String> kafka, ObjectMapper json, Path spoolDirectory,
                          Duration replayInterval, Duration sendTimeout, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.spool = new UsageSpool(spoolDirectory);
        this.sendTimeout = sendTimeout;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usage-publisher");
            thread.setDaemon(true);
            return thread;
        });
        this.published = meters.counter("veloera.usage.published");
        this.spooled = meters.counter("veloera.usage.spooled");
        this.replayed = meters.counter("veloera.usage.replayed");
        Gauge.builder("veloera.usage.spool.pending.bytes", spool, UsageSpool::pendingBytes).register(meters);
        if (spool.hasPending()) {
            log.info("Usage spool {} holds {} bytes from an earlier run; replaying them when Kafka answers.",
                    spool.file(), spool.pendingBytes());
        }
        long interval = replayInterval.toMillis();
        worker.scheduleWithFixedDelay(this::replay, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Queues the record for Kafka and returns at once. */
    public void publish(UsageRecorded record) {
        String key = Long.toString(record.userId());
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            log.error("Usage record {} cannot be serialized and is lost: {}", record.requestId(), record, e);
            return;
        }
        try {
            worker.execute(() -> deliver(key, value));
        } catch (RejectedExecutionException e) {
            // shutting down: the record still has to survive, so it goes straight to disk
            toSpool(key, value, e);
        }
    }

    public Path spoolFile() {
        return spool.file();
    }

    public boolean spoolHasPending() {
        return spool.hasPending();
    }

    private void deliver(String key, String value) {
        if (spool.hasPending()) {
            toSpool(key, value, null);
            return;
        }
        try {
            kafka.send(UsageTopic.NAME, key, value).whenComplete((result, failure) -> {
                if (failure == null) {
                    published.increment();
                } else {
                    toSpool(key, value, failure);
                }
            });
        } catch (RuntimeException e) {
            toSpool(key, value, e);
        }
    }

    private void toSpool(String key, String value, Throwable cause) {
        try {
            spool.append(key, value);
            spooled.increment();
            if (cause != null) {
                log.warn("Kafka did not take a usage record ({}); it is kept in {} and replayed when Kafka is back.",
                        rootMessage(cause), spool.file());
            }
        } catch (RuntimeException e) {
            log.error("Usage record could neither be sent nor spooled; bill it by hand: key={} value={}", key, value, e);
        }
    }

    /** Sends spooled records in order; stops at the first batch Kafka does not acknowledge in time. */
    void replay() {
        try {
            while (spool.hasPending()) {
                List<UsageSpool.Entry> batch = spool.next(REPLAY_BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
                for (UsageSpool.Entry entry : batch) {
                    sends.add(kafka.send(UsageTopic.NAME, entry.key(), entry.value()));
                }
                long delivered = -1;
                int count = 0;
                for (int i = 0; i < sends.size(); i++) {
                    try {
                        sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                        delivered = batch.get(i).endOffset();
                        count++;
                    } catch (ExecutionException | TimeoutException e) {
                        break;
                    }
                }
                if (delivered >= 0) {
                    spool.acknowledge(delivered);
                    replayed.increment(count);
                }
                if (count < batch.size()) {
                    log.debug("Kafka still unreachable; {} spooled bytes wait for the next replay.", spool.pendingBytes());
                    return;
                }
                log.info("Replayed {} spooled usage records to Kafka.", count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Replaying the usage spool {} failed; retrying at the next interval.", spool.file(), e);
        }
    }

    /** Delivers what is queued, waits for Kafka's answers (bounded by delivery.timeout.ms), then closes the spool. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Usage publisher did not finish its queue within 10 s.");
            }
            kafka.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Flushing the usage producer on shutdown failed: {}", e.toString());
        }
        try {
            spool.close();
        } catch (IOException e) {
            log.warn("Closing the usage spool failed: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
