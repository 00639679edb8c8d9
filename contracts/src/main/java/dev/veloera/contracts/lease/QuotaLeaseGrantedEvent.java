package dev.veloera.contracts.lease;

import dev.veloera.contracts.common.Actor;

/**
 * {@code amount} of the user's quota (and of token {@code tokenId}'s remaining quota) is held for relay
 * instance {@code relayInstance} until {@code expiresAt} (epoch ms), when the deadline
 * {@code expiryDeadlineId} releases what the lease still holds. The balances themselves do not change:
 * a hold only lowers what is available. {@code userHeldAfter} and {@code tokenHeldAfter} are everything
 * the user's (and the token's) open leases hold after the grant.
 */
public record QuotaLeaseGrantedEvent(String userId, long tokenId, String leaseId, String relayInstance, long amount,
                                     long userHeldAfter, long tokenHeldAfter, long expiresAt,
                                     String expiryDeadlineId, Actor actor) {
}
