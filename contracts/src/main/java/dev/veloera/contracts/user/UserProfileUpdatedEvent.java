package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's profile after an update: every field its current value (not only what changed). */
public record UserProfileUpdatedEvent(String userId, String username, String displayName, String group,
                                      String remark, String previousGroup, Actor actor) {
}
