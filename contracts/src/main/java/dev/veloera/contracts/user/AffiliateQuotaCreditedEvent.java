package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** An inviter's {@code aff_quota} went up by {@code amount}; the values after are carried for the read side. */
public record AffiliateQuotaCreditedEvent(String userId, long amount, long affQuotaAfter, long affHistoryQuotaAfter,
                                          int affCountAfter, String source, String sourceId, long creditedAt,
                                          Actor actor) {
}
