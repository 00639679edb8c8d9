package dev.veloera.relay.auth;

import java.util.List;

/**
 * An authenticated {@code sk-} key with the user behind it.
 *
 * @param group the token's group when it names one, else the user's
 */
public record ApiKey(long tokenId, String tokenName, long userId, String username, String group,
                     boolean modelLimitsEnabled, List<String> modelLimits) {

    /** Whether the token's model limits (when enabled) include {@code model}; the reservation enforces it too. */
    public boolean allows(String model) {
        return !modelLimitsEnabled || modelLimits.contains(model);
    }
}
