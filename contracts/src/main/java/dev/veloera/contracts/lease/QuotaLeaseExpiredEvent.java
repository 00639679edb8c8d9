package dev.veloera.contracts.lease;

import dev.veloera.contracts.common.Actor;

/**
 * Lease {@code leaseId} reached its expiry (never handed back, or its settlements never arrived) and was
 * closed: the {@code released} it still held is available again. Usage settled on it later is still
 * charged in full.
 */
public record QuotaLeaseExpiredEvent(String userId, long tokenId, String leaseId, long released,
                                     long userHeldAfter, long tokenHeldAfter, Actor actor) {
}
