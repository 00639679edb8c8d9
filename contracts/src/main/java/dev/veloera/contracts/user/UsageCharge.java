package dev.veloera.contracts.user;

import dev.veloera.contracts.usage.UsageRecorded;

/**
 * One usage record to settle: the {@link UsageRecorded} at {@code offset} of the usage topic's partition
 * its {@link SettleUsageCommand} names.
 *
 * @param leaseId the record's {@code reservationId}: a quota lease, or a reservation of the older
 *                per-request path
 * @param quota   the request's actual cost, charged in full (nothing when {@code status} is
 *                {@link UsageRecorded#FAILED})
 */
public record UsageCharge(String requestId, String leaseId, long tokenId, long quota, String status, long offset) {
}
