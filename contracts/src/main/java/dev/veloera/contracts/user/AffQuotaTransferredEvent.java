package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

/** {@code amount} left the user's {@code aff_quota}, now {@code affQuotaAfter}, for their quota. */
public record AffQuotaTransferredEvent(String userId, long amount, long affQuotaAfter, long transferredAt,
                                       Actor actor) {
}
