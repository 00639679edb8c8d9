package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRedemptionCommand(@TargetAggregateIdentifier String redemptionId, Actor actor) {
}
