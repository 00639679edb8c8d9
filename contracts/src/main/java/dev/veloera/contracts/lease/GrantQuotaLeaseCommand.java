package dev.veloera.contracts.lease;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Holds part of the user's available quota (and the token's) for relay instance {@code relayInstance}
 * ({@link LeaseRequest}). Answers a {@link LeaseGrant}; a retried grant with the same {@code leaseId}
 * answers the same grant. Refused with a {@link dev.veloera.contracts.api.GatewayError} code when the
 * user or token cannot cover {@code minimum}.
 */
public record GrantQuotaLeaseCommand(@TargetAggregateIdentifier String userId, long tokenId, String leaseId,
                                     String relayInstance, long minimum, long wanted, Actor actor) {
}
