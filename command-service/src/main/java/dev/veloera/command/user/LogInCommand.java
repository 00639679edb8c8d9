package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Login: checks the password and issues {@code candidateAccessToken}, replacing the previous token (only hashes are
 * kept, so there is no current token to hand out again). Local to command-service because the password hash lives
 * only in the aggregate; the new token's hash travels as the contracts' {@code AccessTokenReplacedEvent}.
 */
public record LogInCommand(@TargetAggregateIdentifier String userId, String password, String candidateAccessToken,
                           Actor actor) {
}
