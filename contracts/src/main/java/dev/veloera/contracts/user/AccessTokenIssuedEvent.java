package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * The user's management access token was replaced by {@code accessToken}: the token itself, in the event store. No
 * longer written (superseded by {@link AccessTokenReplacedEvent}, which keeps only the hash); still read, hashed on
 * the way, for the events stored before.
 */
public record AccessTokenIssuedEvent(String userId, String accessToken, Actor actor) {
}
