package dev.veloera.relay.quota;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.relay.web.RelayException;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The leases of one API token on this relay: the current one, which requests take their estimates from,
 * and at most one grant in progress, asked for ahead of need when the current lease runs low, which every
 * request that found the current lease short waits on instead of asking for its own. Also the token's recent
 * spend, which sizes the next lease.
 */
final class TokenLeases {

    /** After a failed grant, how long no refill is tried ahead of need. */
    static final long REFILL_QUIET_MILLIS = 1_000;

    final long userId;
    final long tokenId;
    private final QuotaLeases owner;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Lease current;
    private CompletableFuture<Lease> pending;
    private final LongAdder spentSinceTick = new LongAdder();
    private volatile double spendPerSecond;
    private volatile long lastActivity;
    private volatile long refillQuietUntil;
    /** Requests waiting for a lease now: the next grant asks for all of them. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Requests holding an estimate from one of this token's leases now: the next lease must hold them all again. */
    private final AtomicInteger inFlight = new AtomicInteger();

    TokenLeases(long userId, long tokenId, QuotaLeases owner) {
        this.userId = userId;
        this.tokenId = tokenId;
        this.owner = owner;
        this.lastActivity = owner.now();
    }

    Spend take(long estimate) {
        lastActivity = owner.now();
        if (estimate <= 0) {
            return Spend.free(this);
        }
        // A fresh lease can be taken by other requests before this one gets to it, but every grant serves at least
        // one request and is sized for all that wait and are in flight, so a burst drains in a round or two; only a
        // balance too small for the requests racing for it makes one wait until the grant timeout.
        long giveUpAt = owner.now() + owner.properties().grantTimeout().toMillis();
        Lease seen = current;
        while (true) {
            if (seen != null && seen.tryTake(estimate, owner.now())) {
                inFlight.incrementAndGet();
                if (seen.runningLow(owner.now())) {
                    refillAhead(seen, estimate);
                }
                return new Spend(seen, estimate, this);
            }
            if (seen != null && owner.now() >= giveUpAt) {
                throw new RelayException(GatewayError.INSUFFICIENT_USER_QUOTA,
                        "Your quota is insufficient for this request right now; other requests hold it.");
            }
            waiting.incrementAndGet();
            try {
                seen = renew(seen, estimate);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /** A lease newer than {@code seen}: the one another request just obtained, or one granted for this one. */
    private Lease renew(Lease seen, long estimate) {
        CompletableFuture<Lease> grant;
        boolean mine = false;
        lock.lock();
        try {
            Lease now = current;
            if (now != seen && now != null && !now.isRetired()) {
                return now;
            }
            if (pending == null) {
                pending = new CompletableFuture<>();
                mine = true;
            }
            grant = pending;
        } finally {
            lock.unlock();
        }
        if (mine) {
            obtain(grant, estimate);
        }
        try {
            return grant.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Asks for the next lease in the background while this one still serves, so that a token with steady traffic
     * never has a request wait for command-service: requests keep taking from the current lease, and only those that
     * find it empty before the grant arrives wait for it (they join the same call). After a refill failed (no
     * answer, or no more quota to hold), none is tried ahead again for {@link #REFILL_QUIET_MILLIS}; requests that
     * run out still ask, and get the reason.
     */
    private void refillAhead(Lease seen, long estimate) {
        if (owner.now() < refillQuietUntil) {
            return;
        }
        CompletableFuture<Lease> grant;
        lock.lock();
        try {
            if (current != seen || pending != null) {
                return;
            }
            pending = new CompletableFuture<>();
            grant = pending;
        } finally {
            lock.unlock();
        }
        try {
            owner.inBackground(() -> obtain(grant, estimate));
        } catch (RejectedExecutionException stopping) {
            lock.lock();
            try {
                pending = null;
            } finally {
                lock.unlock();
            }
            grant.completeExceptionally(stopping);
        }
    }

    private void obtain(CompletableFuture<Lease> grant, long estimate) {
        Lease fresh = null;
        RuntimeException failure = null;
        try {
            LeaseGrant granted = owner.grant(new LeaseRequest(UUID.randomUUID().toString(), userId, tokenId,
                    owner.instance(), estimate, wanted(estimate)));
            fresh = owner.lease(granted, userId, tokenId);
        } catch (RuntimeException e) {
            failure = e;
            refillQuietUntil = owner.now() + REFILL_QUIET_MILLIS;
        }
        Lease old;
        lock.lock();
        try {
            old = fresh == null ? null : current;
            if (fresh != null) {
                current = fresh;
            }
            pending = null;
        } finally {
            lock.unlock();
        }
        if (old != null) {
            old.retire();
        }
        if (failure != null) {
            grant.completeExceptionally(failure);
        } else {
            grant.complete(fresh);
        }
    }

    /**
     * A few seconds of the token's recent spend; never less than a few of this request's estimate, nor than two
     * estimates for each request waiting or in flight now: the requests in flight hold theirs until they finish, so a
     * lease only as large as the concurrency would be full at once, and be replaced again and again.
     */
    long wanted(long estimate) {
        long recent = (long) Math.ceil(spendPerSecond * owner.properties().spendWindow().toMillis() / 1000.0);
        long concurrent = 2L * (waiting.get() + inFlight.get());
        long ahead = Math.max(Math.max(1, owner.properties().minimumAhead()), concurrent);
        return Math.max(Math.multiplyExact(estimate, ahead), recent);
    }

    /** A request is over: it cost {@code actual}, and held an estimate from a lease unless it was free. */
    void finished(long actual, boolean leased) {
        if (leased) {
            inFlight.decrementAndGet();
        }
        if (actual > 0) {
            spentSinceTick.add(actual);
        }
    }

    /**
     * Housekeeping, once a second: the spend rate follows the last seconds; an idle lease or one near its
     * expiry is retired (and so handed back). Returns false when this token can be forgotten.
     */
    boolean tick(long now, double elapsedSeconds) {
        double rate = spentSinceTick.sumThenReset() / Math.max(elapsedSeconds, 0.001);
        spendPerSecond = spendPerSecond * 0.5 + rate * 0.5;
        Lease lease = current;
        if (lease != null && (lease.idleSince(now - owner.properties().idleAfter().toMillis()) || now >= lease.usableUntil)) {
            lock.lock();
            try {
                if (current == lease) {
                    current = null;
                }
            } finally {
                lock.unlock();
            }
            lease.retire();
        }
        return current != null || now - lastActivity < 10 * owner.properties().idleAfter().toMillis();
    }

    Lease current() {
        return current;
    }
}
