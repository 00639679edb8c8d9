package dev.veloera.contracts.user;

/** A token's balances after a change: {@code remain_quota} and {@code used_quota}. */
public record TokenBalance(long tokenId, long remainQuotaAfter, long usedQuotaAfter) {
}
