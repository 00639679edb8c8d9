package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin enables ({@code Status.ENABLED}) or disables ({@code Status.DISABLED}) a user below their own role. */
public record ChangeUserStatusCommand(@TargetAggregateIdentifier String userId, int status, Actor actor) {
}
