package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Adds an API token to a user. Only the key's hash and a masked form travel here: the full
 * {@code sk-} key is shown to the caller once and never stored. {@code expiredTime} is epoch
 * seconds or -1 for never; {@code modelLimits} is empty when the token may call any model.
 */
public record CreateApiTokenCommand(@TargetAggregateIdentifier String userId, long tokenId, String name,
                                    String keyHash, String maskedKey, long expiredTime, long remainQuota,
                                    boolean unlimitedQuota, boolean modelLimitsEnabled, List<String> modelLimits,
                                    String allowIps, String group, Actor actor) {
}
