package dev.veloera.contracts.lease;

/**
 * Body of {@code POST /internal/quota/leases/return}: the relay takes nothing more from lease
 * {@code leaseId}, on which requests costing {@code consumed} in total were served (their usage records
 * are on their way through Kafka). The command side keeps holding what of {@code consumed} is not settled
 * yet and releases the rest at once. Returning a lease twice, or one that has expired, is a no-op.
 */
public record LeaseReturn(String leaseId, long userId, long tokenId, long consumed) {
}
