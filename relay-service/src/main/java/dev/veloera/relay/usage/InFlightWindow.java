package dev.veloera.relay.usage;

import io.micrometer.core.instrument.Timer;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's records handed to the producer and not yet acknowledged, in journal order. Kafka may
 * acknowledge them out of order across partitions; the journal's acknowledged position moves only to the end
 * of the longest acknowledged prefix, so a restart resends exactly what is not known to be in Kafka.
 * Thread-safe: the sender adds, the producer's I/O thread completes.
 */
final class InFlightWindow {

    /** One entry, until its acknowledgement joins the acknowledged prefix. */
    static final class Sent {
        private final long next;
        private final long appendedAtMicros;
        private final int bytes;
        private final boolean record;
        private boolean done;
        private boolean failed;

        private Sent(long next, long appendedAtMicros, int bytes, boolean record) {
            this.next = next;
            this.appendedAtMicros = appendedAtMicros;
            this.bytes = bytes;
            this.record = record;
        }
    }

    private final UsageJournal journal;
    private final Timer lag;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Sent> window = new ArrayDeque<>();
    private long bytes;
    private long shipped;

    /** @param lag records each record's time from append to Kafka's acknowledgement */
    InFlightWindow(UsageJournal journal, Timer lag) {
        this.journal = journal;
        this.lag = lag;
    }

    /** A record about to be sent; {@code next} is the journal position after it. */
    Sent add(JournalEntry entry) {
        Sent sent = new Sent(entry.next(), entry.appendedAtMicros(), entry.value().length, true);
        lock.lock();
        try {
            window.addLast(sent);
            bytes += sent.bytes;
        } finally {
            lock.unlock();
        }
        return sent;
    }

    /** A damaged segment's rest, skipped: it counts as acknowledged once what precedes it is. */
    void skipTo(long next) {
        Sent skipped = new Sent(next, 0, 0, false);
        lock.lock();
        try {
            window.addLast(skipped);
        } finally {
            lock.unlock();
        }
        complete(skipped, true);
    }

    /** Kafka took {@code sent} ({@code acknowledged}) or refused it; moves the acknowledged prefix forward. */
    void complete(Sent sent, boolean acknowledged) {
        long position = -1;
        int records = 0;
        long now = UsageJournal.nowMicros();
        lock.lock();
        try {
            if (acknowledged) {
                sent.done = true;
            } else {
                sent.failed = true;
            }
            while (!window.isEmpty() && window.peekFirst().done) {
                Sent head = window.removeFirst();
                bytes -= head.bytes;
                position = head.next;
                if (head.record) {
                    records++;
                    lag.record(Math.max(now - head.appendedAtMicros, 0), TimeUnit.MICROSECONDS);
                }
            }
            if (position >= 0) {
                // under the lock: the producer's thread and the sender must not report positions out of order
                journal.acknowledge(position, records);
                shipped += records;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether every entry in flight has been acknowledged or refused (nothing more will complete). */
    boolean settled() {
        lock.lock();
        try {
            return window.stream().allMatch(sent -> sent.done || sent.failed);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets what is in flight, after a failure settled: the sender resends from the acknowledged position. */
    void clear() {
        lock.lock();
        try {
            window.clear();
            bytes = 0;
        } finally {
            lock.unlock();
        }
    }

    boolean full(long maxBytes) {
        lock.lock();
        try {
            return bytes >= maxBytes;
        } finally {
            lock.unlock();
        }
    }

    long shippedRecords() {
        lock.lock();
        try {
            return shipped;
        } finally {
            lock.unlock();
        }
    }
}
