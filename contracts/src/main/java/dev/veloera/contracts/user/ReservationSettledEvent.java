package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/**
 * A reservation was settled: {@code charged} was billed, the rest of {@code reserved} went back.
 * When the actual cost exceeded what the user and token still had, only what they had was
 * charged and the difference is {@code unbilled} (quota never goes below zero).
 * {@code lateSettlement} marks a settlement that arrived after the reservation had expired.
 */
public record ReservationSettledEvent(String userId, long tokenId, String reservationId, long reserved,
                                      long charged, long unbilled, boolean lateSettlement, long userQuotaAfter,
                                      long tokenRemainQuotaAfter, long usedQuotaAfter, long requestCountAfter,
                                      Actor actor) {
}
