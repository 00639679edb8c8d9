package dev.veloera.command.user;

import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.QuotaLeaseGrantedEvent;

/**
 * One open quota lease: {@code amount} granted on token {@code tokenId}, of which {@code held} is still
 * held from the available balance. Settled usage turns held into spent ({@code held} shrinks by each
 * cost, never below 0; {@code settled} adds them up). {@code consumed} is -1 until the relay hands the
 * lease back with the total cost it served from it; from then on the lease holds only what of that is
 * not settled yet, and closes when nothing is. {@code expiresAt} is epoch ms, when the deadline
 * {@code expiryDeadlineId} closes it whatever it holds.
 */
record Lease(long tokenId, long amount, long held, long settled, long consumed, long expiresAt,
             String expiryDeadlineId) {

    static Lease granted(QuotaLeaseGrantedEvent event) {
        return new Lease(event.tokenId(), event.amount(), event.amount(), 0, -1, event.expiresAt(),
                event.expiryDeadlineId());
    }

    boolean returned() {
        return consumed >= 0;
    }

    /** Returned, and every cost it served has been settled. */
    boolean closes() {
        return returned() && settled >= consumed;
    }

    Lease settle(long cost) {
        return new Lease(tokenId, amount, Math.max(0, held - cost), settled + cost, consumed, expiresAt,
                expiryDeadlineId);
    }

    /** Handed back after serving {@code total}: a return never holds more than the lease held before. */
    Lease handBack(long total) {
        return new Lease(tokenId, amount, Math.min(held, Math.max(0, total - settled)), settled, total, expiresAt,
                expiryDeadlineId);
    }

    Lease holding(long newHeld, long total) {
        return new Lease(tokenId, amount, newHeld, settled, total, expiresAt, expiryDeadlineId);
    }

    LeaseGrant grant(String leaseId) {
        return new LeaseGrant(leaseId, amount, expiresAt);
    }
}
