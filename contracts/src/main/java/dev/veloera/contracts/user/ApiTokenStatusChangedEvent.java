package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** A token's status went from {@code previousStatus} to {@code status} (1 enabled, 2 disabled). */
public record ApiTokenStatusChangedEvent(String userId, long tokenId, int previousStatus, int status, Actor actor) {
}
