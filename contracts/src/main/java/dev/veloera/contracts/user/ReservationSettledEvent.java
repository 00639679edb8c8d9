package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * A reservation was settled: {@code charged} was billed, the rest of {@code reserved} went back.
 * When the actual cost exceeded what the user and token still had, only what they had was
 * charged and the difference is {@code unbilled} (quota never goes below zero).
 * {@code lateSettlement} marks a settlement that arrived after the reservation had expired.
 * Every balance is carried as its absolute value after the change (user: {@code userQuotaAfter},
 * {@code usedQuotaAfter}, {@code requestCountAfter}; token: {@code tokenRemainQuotaAfter},
 * {@code tokenUsedQuotaAfter}), so projections copy values and never add them up.
 * <p>
 * No longer emitted: usage is now settled in batches and charged in full ({@link UsageSettledEvent});
 * kept for the events already stored.
 */
public record ReservationSettledEvent(String userId, long tokenId, String reservationId, long reserved,
                                      long charged, long unbilled, boolean lateSettlement, long userQuotaAfter,
                                      long tokenRemainQuotaAfter, long tokenUsedQuotaAfter, long usedQuotaAfter,
                                      long requestCountAfter, Actor actor) {
}
