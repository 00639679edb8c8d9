package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** A reservation nobody settled in time was released: {@code amount} went back to user and token. */
public record ReservationExpiredEvent(String userId, long tokenId, String reservationId, long amount,
                                      long userQuotaAfter, long tokenRemainQuotaAfter, Actor actor) {
}
