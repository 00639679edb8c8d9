package dev.veloera.relay.channel;

import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.upstream.UpstreamFailure;

/**
 * When an upstream's answer means the channel's key is no good (Veloera's {@code ShouldDisableChannel}): 401; 403 from
 * Gemini; the codes {@code invalid_api_key}, {@code account_deactivated}, {@code billing_not_active}; the types
 * {@code insufficient_quota}, {@code authentication_error}, {@code permission_error}, {@code forbidden}; or a message
 * containing one of the AutomaticDisableKeywords. Only with AutomaticDisableChannelEnabled.
 */
public final class DisableRules {

    private DisableRules() {
    }

    /** The reason to disable, or null to keep the channel. */
    public static String reason(RelayOptions options, int channelType, UpstreamFailure failure) {
        if (!options.autoDisable() || failure.status() == 0) {
            return null;
        }
        String detail = "HTTP " + failure.status() + (failure.message().isBlank() ? "" : ": " + failure.message());
        if (failure.status() == 401) {
            return detail;
        }
        if (failure.status() == 403 && channelType == ChannelTypes.GEMINI) {
            return detail;
        }
        switch (failure.code()) {
            case "invalid_api_key", "account_deactivated", "billing_not_active" -> {
                return detail;
            }
            default -> {
            }
        }
        switch (failure.type()) {
            case "insufficient_quota", "insufficient_user_quota", "authentication_error", "permission_error",
                 "forbidden" -> {
                return detail;
            }
            default -> {
            }
        }
        String message = failure.lowerMessage();
        for (String keyword : options.autoDisableKeywords()) {
            if (message.contains(keyword)) {
                return detail;
            }
        }
        return null;
    }
}
