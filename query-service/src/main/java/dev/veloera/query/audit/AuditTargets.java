package dev.veloera.query.audit;

import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.redemption.RedemptionIds;
import dev.veloera.contracts.topup.TopUpIds;
import dev.veloera.query.web.ApiException;
import org.springframework.http.HttpStatus;

/** Which aggregate an audit path names: {@code /api/audit/{type}/{id}}. */
final class AuditTargets {

    /**
     * The SystemSettings aggregate's identifier (there is one; the options' owner defines it). Change it here
     * when that aggregate lands with another id.
     */
    static final String OPTIONS_AGGREGATE_ID = "system-settings";

    private AuditTargets() {
    }

    /** The aggregate id of {@code type}'s {@code id}; a token's is its user's, resolved by the caller. */
    static String aggregateId(String type, String id) {
        return switch (type) {
            case "user" -> String.valueOf(number(id));
            case "channel" -> ChannelIds.aggregateId(number(id));
            case "redemption" -> RedemptionIds.aggregateId(number(id));
            case "topup" -> TopUpIds.aggregateId(number(id));
            case "options" -> OPTIONS_AGGREGATE_ID;
            default -> throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                    "no audit trail of type " + type + ": use user, token, channel, redemption, topup or options");
        };
    }

    static long number(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "id must be a positive number");
    }
}
