package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

import java.util.List;

/** A user gained an enabled API token; {@code createdTime} is epoch seconds. */
public record ApiTokenCreatedEvent(String userId, long tokenId, String name, String keyHash, String maskedKey,
                                   long createdTime, long expiredTime, long remainQuota, boolean unlimitedQuota,
                                   boolean modelLimitsEnabled, List<String> modelLimits, String allowIps,
                                   String group, Actor actor) {
}
