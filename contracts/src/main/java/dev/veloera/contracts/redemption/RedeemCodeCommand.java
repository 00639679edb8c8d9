package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** User {@code userId} redeems the code; the handler answers the {@link CodeRedeemedEvent} it applied. */
public record RedeemCodeCommand(@TargetAggregateIdentifier String redemptionId, long userId, Actor actor) {
}
