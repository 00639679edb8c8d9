package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;

/** A redemption code exists, enabled. Times in epoch seconds; {@code maxUses} −1 is unlimited. */
public record RedemptionCreatedEvent(String redemptionId, String name, String key, long quota, int maxUses,
                                     long validFrom, long validUntil, boolean gift, long createdTime, Actor actor) {
}
