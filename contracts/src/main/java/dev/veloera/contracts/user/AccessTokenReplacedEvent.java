package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * The user's management access token was replaced; only its hash ({@link AccessTokenHash#of}) is kept, as with API
 * keys. Replaces {@link AccessTokenIssuedEvent}, which carried the token itself and is no longer written.
 */
public record AccessTokenReplacedEvent(String userId, String accessTokenHash, Actor actor) {
}
