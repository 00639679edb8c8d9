package dev.veloera.relay.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.catalog.AllowedAddresses;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogUser;
import dev.veloera.contracts.common.Status;
import dev.veloera.relay.catalog.Catalog;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Resolves {@code Authorization: Bearer sk-…} to a token and its user by the key's hash (Base64 of SHA-256 of the
 * full key), in the relay's {@link Catalog}: no database, and an unknown key costs one map miss. Status and expiry are
 * checked on every call, so an expiry takes effect on time and a change takes effect as soon as the catalog has it.
 * A token with {@code allow_ips} is refused (401) from any other address ({@link ClientAddress}).
 */
@Component
public class ApiKeyAuthenticator {

    private static final String KEY_PREFIX = "sk-";
    private static final String DEFAULT_GROUP = "default";

    /** Parsed allow lists by their text; bounded by clearing, as lists are few and cheap to parse again. */
    private static final int PARSED_LISTS_KEPT = 10_000;

    private final Catalog catalog;
    private final ClientAddress clientAddress;
    private final Clock clock;
    private final Map<String, AllowedAddresses> parsedLists = new ConcurrentHashMap<>();

    ApiKeyAuthenticator(Catalog catalog, ClientAddress clientAddress) {
        this.catalog = catalog;
        this.clientAddress = clientAddress;
        this.clock = Clock.systemUTC();
    }

    /** The key behind an {@code Authorization} header value, or a 401 {@code invalid_api_key} refusal. */
    public ApiKey authenticate(String authorization) {
        String key = bearer(authorization);
        if (key == null) {
            throw invalid("You didn't provide an API key. Send it as 'Authorization: Bearer sk-...'.");
        }
        if (!key.startsWith(KEY_PREFIX)) {
            key = KEY_PREFIX + key;
        }
        CatalogToken token = catalog.tokenByKeyHash(hash(key));
        CatalogUser user = token == null ? null : catalog.user(token.userId());
        if (token == null || user == null) {
            throw invalid("Incorrect API key provided.");
        }
        if (token.status() != Status.ENABLED) {
            throw invalid("This API key is disabled.");
        }
        long nowSeconds = clock.millis() / 1000;
        if (token.expiredTime() != -1 && token.expiredTime() <= nowSeconds) {
            throw invalid("This API key has expired.");
        }
        if (user.status() != Status.ENABLED) {
            throw invalid("The user of this API key is disabled.");
        }
        if (token.allowIps() != null && !token.allowIps().isBlank()) {
            String client = clientAddress.current();
            if (client == null || !allowed(token.allowIps()).permits(client)) {
                throw invalid("您的 IP 不在令牌允许访问的列表中 (this API key may not be used from " + client + ")");
            }
        }
        String group = token.group() != null && !token.group().isBlank() ? token.group()
                : user.group() != null && !user.group().isBlank() ? user.group() : DEFAULT_GROUP;
        return new ApiKey(token.id(), token.name(), user.id(), user.username(), group, token.modelLimitsEnabled(),
                token.modelLimits() == null ? List.of() : List.copyOf(token.modelLimits()));
    }

    /** A list that does not parse (it was validated when stored) allows no address rather than every one. */
    private AllowedAddresses allowed(String allowIps) {
        AllowedAddresses parsed = parsedLists.get(allowIps);
        if (parsed == null) {
            if (parsedLists.size() >= PARSED_LISTS_KEPT) {
                parsedLists.clear();
            }
            try {
                parsed = AllowedAddresses.parse(allowIps);
            } catch (IllegalArgumentException e) {
                parsed = AllowedAddresses.parse("0.0.0.0/32");
            }
            parsedLists.put(allowIps, parsed);
        }
        return parsed;
    }

    /** Base64 (standard, padded) of SHA-256 of the full key string, as command-service stores it. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.isEmpty() ? null : value;
    }

    private static RelayException invalid(String message) {
        return new RelayException(GatewayError.INVALID_API_KEY, message);
    }
}
