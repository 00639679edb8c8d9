package dev.veloera.relay.quota;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One lease as this relay spends it, all in memory: {@code available} starts at the granted amount; a
 * request takes its estimate by compare-and-set and, when it finishes, gives back the estimate and takes
 * its actual cost instead (which may leave {@code available} below zero when a request cost more than
 * estimated). Once retired (replaced, idle or near its expiry) nothing more is taken from it, and when its
 * last request has finished it is handed back, exactly once, with what was {@code consumed} on it.
 *
 * <p>The in-flight count is raised before {@code retired} is read, so that retiring and taking cannot both
 * miss each other: either the taker sees the lease retired, or the retirer sees the taker in flight and
 * leaves the hand-back to the taker (its finish, or its failed take).
 */
final class Lease {

    final String id;
    final long userId;
    final long tokenId;
    final long amount;
    /** Epoch ms after which this relay takes nothing more from it (before command-service's own expiry). */
    final long usableUntil;
    private final AtomicLong available;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean returned = new AtomicBoolean();
    private volatile boolean retired;
    private volatile long lastTakenAt;
    private final long grantedAt;
    private final Consumer<Lease> handBack;

    /** @param handBack called once, when the lease is retired and its last request has finished */
    Lease(String id, long userId, long tokenId, long amount, long usableUntil, long now, Consumer<Lease> handBack) {
        this.handBack = handBack;
        this.id = id;
        this.userId = userId;
        this.tokenId = tokenId;
        this.amount = amount;
        this.usableUntil = usableUntil;
        this.available = new AtomicLong(amount);
        this.lastTakenAt = now;
        this.grantedAt = now;
    }

    /** Takes {@code estimate} if the lease is live and holds that much; false leaves nothing changed. */
    boolean tryTake(long estimate, long now) {
        inFlight.incrementAndGet();
        if (!retired && now < usableUntil) {
            for (long left = available.get(); left >= estimate; left = available.get()) {
                if (available.compareAndSet(left, left - estimate)) {
                    lastTakenAt = now;
                    return true;
                }
            }
        }
        leave();
        return false;
    }

    /** Swaps a taken estimate for the actual cost. */
    void finish(long estimate, long actual) {
        consumed.addAndGet(actual);
        available.addAndGet(estimate - actual);
        leave();
    }

    /** Takes nothing more from it; handed back as soon as nothing is in flight (now, if nothing is). */
    void retire() {
        retired = true;
        if (inFlight.get() == 0 && returned.compareAndSet(false, true)) {
            handBack.accept(this);
        }
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && retired && returned.compareAndSet(false, true)) {
            handBack.accept(this);
        }
    }

    /**
     * Less than a quarter of it left, or less than a quarter of its life: time to ask for the next one while
     * this one still serves.
     */
    boolean runningLow(long now) {
        return available.get() < amount / 4 || now > usableUntil - (usableUntil - grantedAt) / 4;
    }

    boolean isRetired() {
        return retired;
    }

    boolean idleSince(long cutoff) {
        return lastTakenAt < cutoff;
    }

    long available() {
        return available.get();
    }

    long consumed() {
        return consumed.get();
    }
}
