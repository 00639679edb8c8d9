package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's settings JSON is now {@code setting}. */
public record UserSettingUpdatedEvent(String userId, String setting, Actor actor) {
}
