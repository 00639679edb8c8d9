package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Login: gives the user a new 32-character management access token (the bearer for {@code /api}). */
public record IssueAccessTokenCommand(@TargetAggregateIdentifier String userId, String accessToken, Actor actor) {
}
