package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Root promotes a common user to admin, or an admin above the user demotes them to common; never the root. */
public record ChangeUserRoleCommand(@TargetAggregateIdentifier String userId, int role, Actor actor) {
}
