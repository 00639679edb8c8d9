package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** A user's quota went up by {@code amount} to {@code quotaAfter}, from {@code source} ({@link CreditSource}). */
public record QuotaCreditedEvent(String userId, long amount, long quotaAfter, String source, String sourceId,
                                 String reason, long creditedAt, Actor actor) {
}
