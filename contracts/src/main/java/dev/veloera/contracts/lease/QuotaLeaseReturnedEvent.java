package dev.veloera.contracts.lease;

import dev.veloera.contracts.common.Actor;

/**
 * The relay handed lease {@code leaseId} back, having served requests costing {@code consumed} from it, of
 * which {@code settled} had been settled. The lease now holds {@code heldAfter} (what of {@code consumed}
 * is not settled yet, never more than it held before); it is {@code closed} when nothing is left to
 * settle. {@code userHeldAfter} and {@code tokenHeldAfter} are everything the user's (and the token's)
 * open leases hold afterwards.
 */
public record QuotaLeaseReturnedEvent(String userId, long tokenId, String leaseId, long consumed, long settled,
                                      long heldAfter, boolean closed, long userHeldAfter, long tokenHeldAfter,
                                      Actor actor) {
}
