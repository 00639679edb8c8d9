package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables or disables a code ({@link RedemptionStatus#ENABLED} or {@link RedemptionStatus#DISABLED}). */
public record ChangeRedemptionStatusCommand(@TargetAggregateIdentifier String redemptionId, int status, Actor actor) {
}
