package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Replaces the editable fields of a user's own API token ({@code PUT /api/token/}): every field is the new value,
 * as Veloera's edit form sends them all. {@code expiredTime} is epoch seconds or -1 for never; {@code group} blank
 * for the user's own group.
 */
public record UpdateApiTokenCommand(@TargetAggregateIdentifier String userId, long tokenId, String name,
                                    long expiredTime, long remainQuota, boolean unlimitedQuota,
                                    boolean modelLimitsEnabled, List<String> modelLimits, String allowIps,
                                    String group, Actor actor) {
}
