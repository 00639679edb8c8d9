package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Login: checks the password and answers the user's current access token, issuing
 * {@code candidateAccessToken} only when the user has none. Local to command-service because the
 * password hash lives only in the aggregate; the issued token travels as the contracts'
 * {@code AccessTokenIssuedEvent}.
 */
public record LogInCommand(@TargetAggregateIdentifier String userId, String password, String candidateAccessToken,
                           Actor actor) {
}
