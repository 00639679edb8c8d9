package dev.veloera.relay.chat;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.catalog.CatalogUser;
import dev.veloera.contracts.common.Roles;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import dev.veloera.relay.catalog.Catalog;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Who calls, from the {@code Authorization} (or {@code x-api-key}) value: the key, and the channel an admin pinned
 * with Veloera's {@code sk-KEY-<channelId>} (a key holds no dash after {@code sk-}, so a dash starts the channel id).
 * Anyone else naming a channel is refused, as in Veloera.
 */
@Component
class Callers {

    /** A caller and the channel it pinned, or null. */
    record Caller(ApiKey key, Long pinnedChannel) {
    }

    private final ApiKeyAuthenticator authenticator;
    private final Catalog catalog;

    Callers(ApiKeyAuthenticator authenticator, Catalog catalog) {
        this.authenticator = authenticator;
        this.catalog = catalog;
    }

    Caller resolve(String authorization) {
        String value = authorization == null ? "" : authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        String body = value.startsWith("sk-") ? value.substring(3) : value;
        int dash = body.indexOf('-');
        if (dash <= 0 || !body.substring(dash + 1).matches("\\d{1,18}")) {
            return new Caller(authenticator.authenticate(authorization), null);
        }
        ApiKey key = authenticator.authenticate("Bearer sk-" + body.substring(0, dash));
        CatalogUser user = catalog.user(key.userId());
        if (user == null || user.role() < Roles.ADMIN) {
            throw new RelayException(GatewayError.MODEL_NOT_ALLOWED, 403,
                    "Only administrators may name a channel with sk-KEY-<channelId>.");
        }
        return new Caller(key, Long.parseLong(body.substring(dash + 1)));
    }
}
