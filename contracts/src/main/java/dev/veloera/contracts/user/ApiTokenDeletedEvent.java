package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** A token was deleted; its row is soft-deleted and its catalog entry becomes a tombstone. */
public record ApiTokenDeletedEvent(String userId, long tokenId, Actor actor) {
}
