package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds {@code amount} (positive) to an inviter's {@code aff_quota} (and {@code aff_history_quota}):
 * an invitee registered ({@link CreditSource#INVITER_REWARD}, {@code countsInvitee} true) or topped
 * up ({@link CreditSource#REBATE}).
 */
public record CreditAffiliateQuotaCommand(@TargetAggregateIdentifier String userId, long amount, String source,
                                          String sourceId, boolean countsInvitee, Actor actor) {
}
