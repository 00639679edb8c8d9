package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a user (an admin above them, or the user themself); the root is never deleted. */
public record DeleteUserCommand(@TargetAggregateIdentifier String userId, Actor actor) {
}
