package dev.veloera.relay.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Status;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.support.TtlCache;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Resolves {@code Authorization: Bearer sk-…} to a token and its user by the key's hash, as the read
 * model stores it: Base64 of SHA-256 of the full key. Rows are cached briefly; status and expiry are
 * checked on every call so that an expiry takes effect on time.
 */
@Component
public class ApiKeyAuthenticator {

    private static final String KEY_PREFIX = "sk-";
    private static final String DEFAULT_GROUP = "default";

    private final TokenRepository tokens;
    private final TtlCache<String, Optional<TokenRow>> cache;
    private final Clock clock;

    ApiKeyAuthenticator(TokenRepository tokens, RelayProperties properties) {
        this.tokens = tokens;
        this.cache = new TtlCache<>(properties.cacheTtl(), 10_000);
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
        TokenRow row = cache.get(hash(key), tokens::findByKeyHash, Optional::isPresent)
                .orElseThrow(() -> invalid("Incorrect API key provided."));
        if (row.tokenStatus() != Status.ENABLED) {
            throw invalid("This API key is disabled.");
        }
        long nowSeconds = clock.millis() / 1000;
        if (row.expiredTime() != -1 && row.expiredTime() <= nowSeconds) {
            throw invalid("This API key has expired.");
        }
        if (row.userStatus() != Status.ENABLED) {
            throw invalid("The user of this API key is disabled.");
        }
        String group = row.tokenGroup() != null && !row.tokenGroup().isBlank() ? row.tokenGroup()
                : row.userGroup() != null && !row.userGroup().isBlank() ? row.userGroup() : DEFAULT_GROUP;
        return new ApiKey(row.tokenId(), row.tokenName(), row.userId(), row.username(), group,
                row.modelLimitsEnabled(), ApiKey.parseModelLimits(row.modelLimits()));
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
