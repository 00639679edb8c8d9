package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;

import java.util.List;

/** A token's editable fields as they are now (absolute values, so a projection only copies them). */
public record ApiTokenUpdatedEvent(String userId, long tokenId, String name, long expiredTime, long remainQuota,
                                   boolean unlimitedQuota, boolean modelLimitsEnabled, List<String> modelLimits,
                                   String allowIps, String group, Actor actor) {
}
