package dev.veloera.relay.usage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Makes one {@link UsageRecorded} per relayed request durable before the client's answer is complete.
 *
 * <p>{@link #record} returns only once the record is safe: acknowledged by Kafka ({@code acks=all},
 * idempotent producer) within {@code ackTimeout}, or else appended to the {@link UsageSpool} and
 * {@code fsync}'d. While the spool holds anything, new records join it directly (no Kafka wait), so
 * that the spool keeps them in order and a Kafka outage costs one {@code ackTimeout} once, not per
 * request. A background thread replays the spool in order every {@code replayInterval} and trims
 * what Kafka acknowledged.
 *
 * <p>Why "wait for the ack, fall back to the spool" rather than "write every record ahead to the
 * spool and trim it after acks": with Kafka healthy the price is one acknowledged produce round trip
 * on the local network, and the disk is touched only while Kafka is unwell, so relay
 * replicas need no fast local disk and a healthy system does no {@code fsync} per request. The
 * write-ahead design would pay an {@code fsync} on every request, always. A record whose
 * acknowledgement came too late may reach Kafka and the spool both: consumers dedupe on
 * {@code requestId}.
 */
public class UsagePublisher implements AutoCloseable {

    /** Where a record was made durable. */
    public enum Durability { KAFKA, SPOOL, LOST }

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);
    private static final int REPLAY_BATCH = 200;

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final UsageSpool spool;
    private final Duration ackTimeout;
    private final Duration sendTimeout;
    private final ScheduledExecutorService worker;
    private final Timer viaKafka;
    private final Timer viaSpool;
    private final Counter published;
    private final Counter spooled;
    private final Counter lost;
    private final Counter replayed;

    /**
     * @param ackTimeout  how long a request waits for Kafka's acknowledgement of its record before spooling it
     * @param sendTimeout how long a replay waits for one batch's acknowledgements before it gives up
     *                    until the next interval
     */
    public UsagePublisher(KafkaTemplate<String, String> kafka, ObjectMapper json, Path spoolDirectory,
                          Duration ackTimeout, Duration replayInterval, Duration sendTimeout, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.spool = new UsageSpool(spoolDirectory);
        this.ackTimeout = ackTimeout;
        this.sendTimeout = sendTimeout;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usage-replay");
            thread.setDaemon(true);
            return thread;
        });
        this.viaKafka = durableTimer(meters, "kafka");
        this.viaSpool = durableTimer(meters, "spool");
        this.published = meters.counter("veloera.usage.published");
        this.spooled = meters.counter("veloera.usage.spooled");
        this.lost = meters.counter("veloera.usage.lost");
        this.replayed = meters.counter("veloera.usage.replayed");
        Gauge.builder("veloera.usage.spool.pending.bytes", spool, UsageSpool::pendingBytes).register(meters);
        if (spool.hasPending()) {
            log.info("Usage spool {} holds {} bytes from an earlier run; replaying them when Kafka answers.",
                    spool.file(), spool.pendingBytes());
        }
        worker.execute(this::warmUp);
        long interval = replayInterval.toMillis();
        worker.scheduleWithFixedDelay(this::replay, Math.min(interval, 200), interval, TimeUnit.MILLISECONDS);
    }

    /** Creates the producer and fetches the topic's metadata now, so that the first request does not pay for it. */
    private void warmUp() {
        try {
            kafka.partitionsFor(UsageTopic.NAME);
        } catch (RuntimeException e) {
            log.info("Kafka does not answer yet ({}); usage records go to the spool until it does.", rootMessage(e));
        }
    }

    private static Timer durableTimer(MeterRegistry meters, String via) {
        return Timer.builder("veloera.usage.durable")
                .description("time for a usage record to become durable before the client's answer completes")
                .tag("via", via).register(meters);
    }

    /**
     * Returns once the record is acknowledged by Kafka or fsync'd to the spool (at most about
     * {@code ackTimeout} plus one fsync). An interrupt pending on the caller is set aside meanwhile.
     */
    public Durability record(UsageRecorded record) {
        long started = System.nanoTime();
        String key = Long.toString(record.userId());
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            lost.increment();
            log.error("Usage record {} cannot be serialized and is lost; bill it by hand: {}", record.requestId(),
                    record, e);
            return Durability.LOST;
        }
        boolean interrupted = Thread.interrupted();
        try {
            if (!spool.hasPending() && sentToKafka(key, value, started)) {
                viaKafka.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                published.increment();
                return Durability.KAFKA;
            }
            return toSpool(key, value, started);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean sentToKafka(String key, String value, long started) {
        try {
            // send() itself may block up to max.block.ms while the producer has no metadata for the topic
            CompletableFuture<?> sent = kafka.send(UsageTopic.NAME, key, value);
            long remaining = ackTimeout.toNanos() - (System.nanoTime() - started);
            sent.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while Kafka acknowledged a usage record; it goes to the spool {}.", spool.file());
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Kafka did not acknowledge a usage record within {} ({}); it is kept in {} and replayed "
                    + "when Kafka is back.", ackTimeout, rootMessage(e), spool.file());
            return false;
        }
    }

    private Durability toSpool(String key, String value, long started) {
        Thread.interrupted(); // an interrupt from a failed wait above must not close the spool's channel
        try {
            spool.append(key, value);
            viaSpool.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            spooled.increment();
            return Durability.SPOOL;
        } catch (RuntimeException e) {
            lost.increment();
            log.error("Usage record could neither be sent nor spooled; bill it by hand: key={} value={}", key, value, e);
            return Durability.LOST;
        }
    }

    public Path spoolFile() {
        return spool.file();
    }

    public boolean spoolHasPending() {
        return spool.hasPending();
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

    /** Stops replaying, waits for Kafka's answers to what is in flight (bounded by delivery.timeout.ms), closes the spool. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Usage spool replay did not stop within 10 s.");
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
