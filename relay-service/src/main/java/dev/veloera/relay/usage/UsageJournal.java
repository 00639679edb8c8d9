package dev.veloera.relay.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's local, append-only usage journal: each request's {@link UsageRecorded} is appended
 * before the last byte of its answer, and {@link JournalSender} ships the journal to Kafka behind it.
 *
 * <p>An append is one {@code write} to the page cache ({@link JournalWriter}) with no {@code fsync}:
 * a background thread fsyncs every {@code fsyncInterval}. A killed process therefore loses nothing
 * it appended; an OS crash or power loss can lose the last interval's records.
 *
 * <p>Segments roll at {@code segmentBytes}; the background thread also persists the acknowledged
 * position the sender reports and deletes segments that lie wholly before it, so the disk holds the
 * backlog only.
 */
public class UsageJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageJournal.class);

    private final JournalSegments segments;
    private final JournalWriter writer;
    private final AckedPosition ackedFile;
    private final ObjectMapper json;
    /** The background work may also run on a caller (close, tests): one at a time. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private final AtomicLong lost = new AtomicLong();
    private final ScheduledExecutorService syncer;
    private volatile long acked;
    private volatile long ackedRecords;
    private volatile Thread waiting;

    UsageJournal(Path directory, long segmentBytes, Duration fsyncInterval, ObjectMapper json) {
        this.json = json;
        try {
            Files.createDirectories(directory);
            this.segments = new JournalSegments(directory);
            this.ackedFile = new AckedPosition(directory);
            if (segments.isEmpty()) {
                segments.create(Math.max(ackedFile.read(), 0));
            }
            long end = segments.recoverLast();
            this.acked = Math.clamp(ackedFile.read(), segments.firstBase(), end);
            if (ackedFile.read() > end) {
                log.warn("Usage journal {} ends at {} but Kafka acknowledged up to {}: an OS crash lost its last "
                        + "records after they were shipped.", directory, end, ackedFile.read());
            }
            this.writer = new JournalWriter(segments, segmentBytes, end, countPending(end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + directory, e);
        }
        long appended = writer.appended();
        if (appended > 0) {
            log.info("Usage journal {} holds {} records ({} bytes) not yet acknowledged by Kafka; they are sent first.",
                    directory, appended, writer.end() - acked);
        }
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usage-journal-sync");
            thread.setDaemon(true);
            return thread;
        });
        long interval = fsyncInterval.toNanos();
        syncer.scheduleWithFixedDelay(this::sync, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Appends the request's usage record (JSON, keyed by user id) and returns once it is written to
     * the operating system: a killed relay keeps it, and the sender ships it to Kafka.
     */
    public void append(UsageRecorded record) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            lost.incrementAndGet();
            log.error("Usage record {} cannot be serialized and is lost; bill it by hand: {}", record.requestId(),
                    record, e);
            return;
        }
        append(Long.toString(record.userId()), value);
    }

    void append(String key, byte[] value) {
        byte[] frame = JournalFrame.encode(key, value, nowMicros());
        try {
            writer.write(frame);
        } catch (IOException e) {
            lost.incrementAndGet();
            log.error("Usage record could not be written to the journal {} and is lost; bill it by hand: key={} value={}",
                    segments.directory(), key, new String(value, StandardCharsets.UTF_8), e);
        }
        Thread sender = waiting;
        if (sender != null) {
            waiting = null;
            LockSupport.unpark(sender);
        }
    }

    /** Parks the calling thread (the sender) until the journal grows past {@code position}, at most {@code timeout}. */
    void awaitAppend(long position, Duration timeout) {
        waiting = Thread.currentThread();
        if (writer.end() <= position) {
            LockSupport.parkNanos(this, timeout.toNanos());
        }
        waiting = null;
    }

    /** Called by the sender as Kafka acknowledges: everything before {@code position} is in Kafka. */
    void acknowledge(long position, long records) {
        acked = position;
        ackedRecords += records;
    }

    /** The background work: fsync what was appended, then persist the acknowledged position and drop acked segments. */
    void sync() {
        syncLock.lock();
        try {
            writer.fsync();
            long position = acked;
            if (position != ackedFile.read()) {
                ackedFile.write(position);
                if (segments.deleteBefore(position) > 0) {
                    segments.syncDirectory();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Syncing the usage journal {} failed; retrying: {}", segments.directory(), e.toString());
        } finally {
            syncLock.unlock();
        }
    }

    JournalReader reader() {
        return new JournalReader(segments, writer::end);
    }

    Path directory() {
        return segments.directory();
    }

    long end() {
        return writer.end();
    }

    long ackedPosition() {
        return acked;
    }

    long appendedRecords() {
        return writer.appended();
    }

    long lostRecords() {
        return lost.get();
    }

    long pendingRecords() {
        return writer.appended() - ackedRecords;
    }

    long pendingBytes() {
        return writer.end() - acked;
    }

    /** How long the oldest record not yet acknowledged by Kafka has waited, in seconds; 0 if there is none. */
    double oldestPendingSeconds() {
        long position = acked;
        if (position >= writer.end()) {
            return 0;
        }
        long appendedAt = segments.appendedAtMicros(position);
        return appendedAt < 0 ? 0 : Math.max(nowMicros() - appendedAt, 0) / 1e6;
    }

    /** Stops the background thread after a last fsync and position write. */
    @Override
    public void close() {
        syncer.shutdown();
        try {
            if (!syncer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The usage journal's background fsync did not stop within 10 s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync();
        try {
            writer.close();
            ackedFile.close();
        } catch (IOException e) {
            log.warn("Closing the usage journal {} failed: {}", segments.directory(), e.toString());
        }
    }

    private long countPending(long end) {
        long count = 0;
        try (JournalReader reader = new JournalReader(segments, () -> end)) {
            long position = acked;
            while (position < end) {
                JournalReader.Batch batch = reader.read(position, 1 << 20);
                if (batch.next() == position) {
                    break;
                }
                count += batch.entries().size();
                position = batch.next();
            }
        }
        return count;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
