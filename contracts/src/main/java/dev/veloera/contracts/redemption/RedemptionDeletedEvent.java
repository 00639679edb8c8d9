package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;

/** The code is gone (Veloera soft-deletes it); its key stays claimed, so it can never be redeemed again. */
public record RedemptionDeletedEvent(String redemptionId, long deletedTime, Actor actor) {
}
