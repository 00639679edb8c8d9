package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** The user's management access token was replaced by {@code accessToken}. */
public record AccessTokenIssuedEvent(String userId, String accessToken, Actor actor) {
}
