package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's password hash is now {@code passwordHash}. */
public record UserPasswordChangedEvent(String userId, String passwordHash, Actor actor) {
}
