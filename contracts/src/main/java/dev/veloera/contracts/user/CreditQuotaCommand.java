package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds {@code amount} (positive) to a user's quota because of {@code source} ({@link CreditSource})
 * identified by {@code sourceId} (a redemption id, a {@code trade_no}, a day): the aggregate that owns
 * the source's invariant (Redemption, TopUp, the account's check-in) decides first, in the same
 * transaction. {@code reason} is the human text the audit trail and the log show.
 */
public record CreditQuotaCommand(@TargetAggregateIdentifier String userId, long amount, String source,
                                 String sourceId, String reason, Actor actor) {
}
