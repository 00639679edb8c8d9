package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves {@code amount} of the user's {@code aff_quota} into their quota: at least {@code minimum} (Veloera's
 * QuotaPerUnit, one dollar's worth) and never more than {@code aff_quota}. One command, two events in one
 * transaction: {@link AffQuotaTransferredEvent} (the debit) and {@link QuotaCreditedEvent}
 * ({@link CreditSource#AFFILIATE_TRANSFER}).
 */
public record TransferAffQuotaCommand(@TargetAggregateIdentifier String userId, long amount, long minimum,
                                      Actor actor) {
}
