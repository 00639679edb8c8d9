package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.UsageRecorded;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Settles a reservation with the actual cost of the request it covered. Idempotent by reservation
 * id: a second settlement is a no-op.
 *
 * @param actualQuota the request's cost; ignored (nothing is billed) when {@code status} is
 *                    {@link UsageRecorded#FAILED}
 * @param status      the request's outcome, {@link UsageRecorded#SUCCESS}, {@link UsageRecorded#FAILED} or
 *                    {@link UsageRecorded#CLIENT_ABORTED}: every request that reached the model (success or
 *                    client_aborted, free ones included) counts in the user's {@code request_count}, a failed
 *                    one does not
 */
public record SettleReservationCommand(@TargetAggregateIdentifier String userId, String reservationId,
                                       long tokenId, long actualQuota, String status, Actor actor) {
}
