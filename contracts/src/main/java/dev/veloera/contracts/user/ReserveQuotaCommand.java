package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes {@code amount} from the user and the token at once before an upstream call. The
 * reservation id is the relay's request id, so a retried reservation is a no-op. Refused with a
 * {@link dev.veloera.contracts.api.GatewayError} code when the user or token cannot pay, or the
 * token may not call {@code model}.
 */
public record ReserveQuotaCommand(@TargetAggregateIdentifier String userId, long tokenId, String reservationId,
                                  String model, long amount, Actor actor) {
}
