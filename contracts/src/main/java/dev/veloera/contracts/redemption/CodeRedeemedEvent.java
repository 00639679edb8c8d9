package dev.veloera.contracts.redemption;

import dev.veloera.contracts.common.Actor;

/**
 * User {@code userId} redeemed the code for {@code quota}; {@code usedCountAfter} and {@code statusAfter}
 * ({@link RedemptionStatus}) are the code's figures after this use, for the read side to copy.
 */
public record CodeRedeemedEvent(String redemptionId, long userId, long quota, boolean gift, int usedCountAfter,
                                int statusAfter, long redeemedTime, Actor actor) {
}
