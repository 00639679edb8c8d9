package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin sets a user's quota to an absolute value (never negative). */
public record SetUserQuotaCommand(@TargetAggregateIdentifier String userId, long quota, Actor actor) {
}
