package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Veloera's {@code PUT /api/redemption/}: name, quota and validity window (epoch seconds, 0 for none). */
public record UpdateRedemptionCommand(@TargetAggregateIdentifier String redemptionId, String name, long quota,
                                      long validFrom, long validUntil, Actor actor) {
}
