package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;

/** An admin moved the code from {@code previousStatus} to {@code status} ({@link RedemptionStatus}). */
public record RedemptionStatusChangedEvent(String redemptionId, int previousStatus, int status, Actor actor) {
}
