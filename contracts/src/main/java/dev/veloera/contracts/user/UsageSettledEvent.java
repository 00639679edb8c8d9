package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

import java.util.List;

/**
 * A user's usage from usage-topic partition {@code partition}, through offset {@code throughOffset}, was
 * charged in full: each request in {@code settled}. The balance may go below zero by what requests cost
 * beyond their estimates. Every balance is carried as its absolute value after the change (user:
 * {@code userQuotaAfter}, {@code usedQuotaAfter}, {@code requestCountAfter}; each token touched:
 * {@code tokens}), so projections copy values and never add them up. {@code leasesClosed} names the
 * returned leases whose last usage this settled.
 */
public record UsageSettledEvent(String userId, int partition, long throughOffset, List<SettledUsage> settled,
                                long userQuotaAfter, long usedQuotaAfter, long requestCountAfter,
                                List<TokenBalance> tokens, List<String> leasesClosed, Actor actor) {
}
