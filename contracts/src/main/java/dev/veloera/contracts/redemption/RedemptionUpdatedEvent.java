package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;

/** The code's name, quota and validity window are now these. */
public record RedemptionUpdatedEvent(String redemptionId, String name, long quota, long validFrom, long validUntil,
                                     Actor actor) {
}
