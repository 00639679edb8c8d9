package dev.veloera.contracts.user;

/**
 * One request charged by a {@link UsageSettledEvent}: {@code charged} in full (0 for a failed request).
 * {@code reservationReleased} is what an open reservation of the per-request path held and gave back
 * before the charge (0 for a lease, whose hold is separate from the balance).
 */
public record SettledUsage(String requestId, String leaseId, long tokenId, long charged, String status,
                           long reservationReleased) {
}
