package dev.veloera.relay.usage;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.veloera.contracts.usage.UsageTopic;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the {@link UsageJournal} to {@code veloera.usage.v1} in journal order on one background
 * thread, through an idempotent producer ({@code acks=all}) that retries without a deadline, and
 * reports the acknowledged position back to the journal as acks arrive (acks of different partitions
 * may arrive out of order: only the acknowledged prefix of what was sent counts).
 *
 * <p>While Kafka is unreachable the producer holds what was sent (up to {@link #MAX_IN_FLIGHT_BYTES})
 * and the journal grows; the relay keeps serving. A send that fails outright (no metadata within
 * {@code max.block.ms}, a fatal producer error) stops sending; once everything in flight has
 * settled, the sender waits for Kafka's metadata and resends from the acknowledged position. Sends
 * after a failed one are never attempted in the same round, so a user's records keep their order;
 * records acknowledged after the failed one are sent again, and consumers dedupe on {@code requestId}.
 */
final class JournalSender implements AutoCloseable {

    static final int MAX_IN_FLIGHT_BYTES = 8 << 20;
    private static final Logger log = LoggerFactory.getLogger(JournalSender.class);
    private static final int READ_BYTES = 1 << 20;
    private static final Duration IDLE_WAIT = Duration.ofMillis(100);
    private static final Duration RETRY_WAIT = Duration.ofSeconds(1);

    private final UsageJournal journal;
    private final Producer<String, byte[]> producer;
    private final InFlightWindow window;
    private final Thread thread;
    private volatile boolean failed;
    private volatile boolean running = true;

    /** @param lag records each record's time from append to Kafka's acknowledgement */
    JournalSender(UsageJournal journal, Producer<String, byte[]> producer, Timer lag) {
        this.journal = journal;
        this.producer = producer;
        this.window = new InFlightWindow(journal, lag);
        this.thread = Thread.ofPlatform().name("usage-journal-sender").daemon().unstarted(this::run);
        thread.start();
    }

    long shippedRecords() {
        return window.shippedRecords();
    }

    private void run() {
        try (JournalReader reader = journal.reader()) {
            long position = journal.ackedPosition();
            awaitMetadata();
            while (running) {
                if (failed) {
                    position = recover();
                    continue;
                }
                if (window.full(MAX_IN_FLIGHT_BYTES)) {
                    LockSupport.parkNanos(this, IDLE_WAIT.toNanos());
                    continue;
                }
                JournalReader.Batch batch = reader.read(position, READ_BYTES);
                if (batch.entries().isEmpty() && batch.next() == position) {
                    journal.awaitAppend(position, IDLE_WAIT);
                    continue;
                }
                position = send(batch, position);
            }
        } catch (RuntimeException e) {
            log.error("The usage journal sender stopped; usage records stay in {} until the relay restarts.",
                    journal.directory(), e);
        }
    }

    /** Sends the batch's records in order, stopping at the first that fails; returns where to read next. */
    private long send(JournalReader.Batch batch, long position) {
        for (JournalEntry entry : batch.entries()) {
            if (failed || !running) {
                return position;
            }
            InFlightWindow.Sent sent = window.add(entry);
            try {
                producer.send(new ProducerRecord<>(UsageTopic.NAME, entry.key(), entry.value()),
                        (metadata, error) -> completed(sent, error));
            } catch (KafkaException | IllegalStateException e) {
                completed(sent, e);
                return position;
            }
            position = entry.next();
        }
        if (batch.next() != position) {
            window.skipTo(batch.next());
        }
        return batch.next();
    }

    /** Producer callback (its I/O thread) or the sender itself: a refusal stops sending until recovered. */
    private void completed(InFlightWindow.Sent sent, Exception error) {
        if (error != null) {
            if (!failed && running) {
                log.warn("Kafka did not take a usage record ({}); the relay keeps serving and the journal {} "
                        + "holds {} records until Kafka is back.", rootMessage(error), journal.directory(),
                        journal.pendingRecords());
            }
            failed = true;
        }
        window.complete(sent, error == null);
        LockSupport.unpark(thread);
    }

    /** After a failed send: lets everything in flight settle, then resends from the acknowledged position. */
    private long recover() {
        while (running && !window.settled()) {
            LockSupport.parkNanos(this, IDLE_WAIT.toNanos());
        }
        window.clear();
        failed = false;
        awaitMetadata();
        return journal.ackedPosition();
    }

    /**
     * Until the producer knows the topic's partitions, a send would block for {@code max.block.ms} and
     * then fail: ask for them first, once per {@link #RETRY_WAIT}.
     */
    private void awaitMetadata() {
        boolean logged = false;
        while (running) {
            try {
                producer.partitionsFor(UsageTopic.NAME);
                if (logged) {
                    log.info("Kafka answers again; shipping the usage journal's {} pending records in order.",
                            journal.pendingRecords());
                }
                return;
            } catch (KafkaException e) {
                if (!logged) {
                    log.warn("Kafka does not answer ({}); usage records wait in the journal {} and are sent when it "
                            + "does.", rootMessage(e), journal.directory());
                    logged = true;
                }
                LockSupport.parkNanos(this, RETRY_WAIT.toNanos());
            }
        }
    }

    /**
     * Stops the thread, gives what is in flight up to {@code timeout} to be acknowledged, and closes the
     * producer; the journal keeps the rest for the next start.
     */
    void close(Duration timeout) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(timeout.toMillis() + RETRY_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
