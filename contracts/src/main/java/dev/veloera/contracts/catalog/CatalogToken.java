package dev.veloera.contracts.catalog;

import java.util.List;

/**
 * An API token as the relay decides on it, under key {@code token:<id>}. The relay finds it by
 * {@code keyHash} (Base64 of SHA-256 of the full {@code sk-} key); the key itself is never published.
 *
 * @param expiredTime epoch seconds, -1 for never
 * @param group       the token's group, blank for the user's
 * @param allowIps    the token's allowed addresses as stored, blank for any
 */
public record CatalogToken(long id, long userId, String name, String keyHash, int status, long expiredTime,
                           boolean unlimitedQuota, boolean modelLimitsEnabled, List<String> modelLimits,
                           String allowIps, String group) {
}
