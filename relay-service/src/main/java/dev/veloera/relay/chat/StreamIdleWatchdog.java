package dev.veloera.relay.chat;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Interrupts the reading thread once the upstream has been silent for {@code streamIdleTimeout}: the JDK
 * client has no read timeout, and an interrupted read ends the line stream with an IOException.
 */
final class StreamIdleWatchdog {
    private final Thread reader;
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledFuture<?> check;
    private boolean fired;
    private boolean stopped;

    StreamIdleWatchdog(Thread reader, Duration streamIdleTimeout, ScheduledExecutorService checks) {
        this.reader = reader;
        long idle = streamIdleTimeout.toNanos();
        long period = Math.max(idle / 4, TimeUnit.MILLISECONDS.toNanos(50));
        this.check = checks.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastActivity.get() > idle) {
                fire();
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    void activity() {
        lastActivity.set(System.nanoTime());
    }

    boolean fired() {
        lock.lock();
        try {
            return fired;
        } finally {
            lock.unlock();
        }
    }

    /** Stops watching and clears an interrupt this watchdog caused, so the request can still answer. */
    void stop() {
        check.cancel(false);
        lock.lock();
        try {
            if (!stopped) {
                stopped = true;
                if (fired) {
                    Thread.interrupted();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void fire() {
        lock.lock();
        try {
            if (!stopped && !fired) {
                fired = true;
                reader.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
