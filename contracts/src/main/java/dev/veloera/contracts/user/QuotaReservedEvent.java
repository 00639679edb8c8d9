package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * {@code amount} was set aside from the user's quota and the token's remaining quota. The
 * balances after the change are carried so the projections and the audit need no arithmetic.
 * {@code expiresAt} (epoch ms) is when an unsettled reservation gets released, by the deadline
 * {@code expiryDeadlineId} names (the command side cancels it when the reservation is settled).
 */
public record QuotaReservedEvent(String userId, long tokenId, String reservationId, String model, long amount,
                                 long userQuotaAfter, long tokenRemainQuotaAfter, long expiresAt,
                                 String expiryDeadlineId, Actor actor) {
}
