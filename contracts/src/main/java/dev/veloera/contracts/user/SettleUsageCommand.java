package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Charges one user every usage record of theirs from one poll of usage-topic partition {@code partition},
 * in offset order. Idempotent: records at or below the partition's highest settled offset, and records
 * whose request id was settled recently (a journal resends a record at a new offset after a crash), charge
 * nothing.
 */
public record SettleUsageCommand(@TargetAggregateIdentifier String userId, int partition, List<UsageCharge> charges,
                                 Actor actor) {
}
