package dev.veloera.contracts.lease;

/**
 * A granted lease: {@code amount} quota held for the relay until {@code expiresAt} (epoch ms). Usage
 * spent from it names it in {@code UsageRecorded.reservationId}. The relay stops spending from it well
 * before it expires, and hands it back ({@link LeaseReturn}).
 */
public record LeaseGrant(String leaseId, long amount, long expiresAt) {
}
