package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates one code whose {@code key} the caller already claimed. {@code maxUses} −1 is unlimited (gift codes;
 * a normal code is used once whatever it says); {@code validFrom}/{@code validUntil} epoch seconds, 0 for none.
 */
public record CreateRedemptionCommand(@TargetAggregateIdentifier String redemptionId, String name, String key,
                                      long quota, int maxUses, long validFrom, long validUntil, boolean gift,
                                      Actor actor) {
}
