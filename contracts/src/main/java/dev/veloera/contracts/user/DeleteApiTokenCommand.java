package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a user's own API token for good: its key is refused from then on and its id answers 404. */
public record DeleteApiTokenCommand(@TargetAggregateIdentifier String userId, long tokenId, Actor actor) {
}
