package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the user's password hash (BCrypt); by the user or an admin above them. */
public record ChangePasswordCommand(@TargetAggregateIdentifier String userId, String passwordHash, Actor actor) {
}
