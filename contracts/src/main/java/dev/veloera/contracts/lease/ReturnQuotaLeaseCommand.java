package dev.veloera.contracts.lease;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The relay takes nothing more from lease {@code leaseId}; requests costing {@code consumed} in total were
 * served from it ({@link LeaseReturn}). Returning a lease twice, or one that is unknown or expired, is a
 * no-op.
 */
public record ReturnQuotaLeaseCommand(@TargetAggregateIdentifier String userId, String leaseId, long consumed,
                                      Actor actor) {
}
