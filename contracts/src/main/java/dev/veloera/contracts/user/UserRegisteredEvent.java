package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** A user account exists, enabled, with its starting quota. */
public record UserRegisteredEvent(String userId, String username, String passwordHash, String displayName,
                                  int role, int status, String group, String affCode, Long inviterId,
                                  long quota, long registeredAt, Actor actor) {
}
