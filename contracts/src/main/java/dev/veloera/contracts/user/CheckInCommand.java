package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The user's daily check-in, crediting {@code amount} (drawn between CheckInQuota and CheckInMaxQuota before the
 * command, so the event holds it). The account decides the day (UTC, from its clock) and refuses a second
 * check-in that day; the credit is a {@link QuotaCreditedEvent} of source {@link CreditSource#CHECK_IN} whose
 * {@code sourceId} is the day ({@code yyyy-MM-dd}).
 */
public record CheckInCommand(@TargetAggregateIdentifier String userId, long amount, Actor actor) {
}
