package dev.veloera.contracts.usage;

/**
 * A token's and its user's balance as query-service's read model holds them, for the relay's
 * {@code /dashboard/billing/*} (Veloera's OpenAI-shaped balance): {@code GET} {@value #PATH}{@code <tokenId>} on
 * query-service with the internal secret header. Off the request path: only those two endpoints read it.
 *
 * @param expiredTime epoch seconds, -1 when the token never expires
 */
public record BillingBalance(long tokenId, long tokenRemainQuota, long tokenUsedQuota, boolean unlimitedQuota,
                           long expiredTime, long userQuota, long userUsedQuota) {

    public static final String PATH = "/internal/billing/tokens/";
}
