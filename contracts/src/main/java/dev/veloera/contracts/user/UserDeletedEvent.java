package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * The user is deleted: refused everywhere from now on, their row soft-deleted, their catalog entry a tombstone.
 * The username stays claimed (as Veloera's soft delete keeps it).
 */
public record UserDeletedEvent(String userId, String username, long deletedAt, Actor actor) {
}
