package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Settles a reservation with the actual cost of the request it covered ({@code 0} for a request
 * that failed upstream). Idempotent by reservation id: a second settlement is a no-op.
 */
public record SettleReservationCommand(@TargetAggregateIdentifier String userId, String reservationId,
                                       long tokenId, long actualQuota, Actor actor) {
}
