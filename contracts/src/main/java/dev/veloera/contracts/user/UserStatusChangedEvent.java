package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's status is now {@code status}; a disabled user's requests are refused by every relay. */
public record UserStatusChangedEvent(String userId, int status, int previousStatus, Actor actor) {
}
