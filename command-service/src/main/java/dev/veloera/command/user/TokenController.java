package dev.veloera.command.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.catalog.CatalogProperties;
import dev.veloera.command.catalog.TokenCatalog;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.CreateApiTokenCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/token/}: the full {@code sk-} key is in this one response and nowhere else. It answers once the new
 * key is in the relays' catalog (so the key works at once on every relay), or after
 * {@code VELOERA_TOKEN_CATALOG_WAIT} anyway, with a warning: the token exists either way.
 */
@RestController
class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateTokenRequest(String name, Long expiredTime, Long remainQuota, Boolean unlimitedQuota,
                              Boolean modelLimitsEnabled, String modelLimits, String allowIps, String group) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedToken(long id, String name, String key, String keyMask) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final Authenticator authenticator;
    private final TokenCatalog catalog;
    private final Duration catalogWait;

    TokenController(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                    Authenticator authenticator, TokenCatalog catalog, CatalogProperties catalogProperties) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.catalogWait = catalogProperties.tokenWait();
    }

    @PostMapping("/api/token/")
    ApiResponse<CreatedToken> create(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @RequestBody CreateTokenRequest request) {
        Actor user = authenticator.user(authorization);
        String name = request.name() == null ? "" : request.name().strip();
        Requests.check(name.length() <= 50, "name must be at most 50 characters");
        long expiredTime = request.expiredTime() == null ? -1 : request.expiredTime();
        long remainQuota = request.remainQuota() == null ? 0 : request.remainQuota();
        Requests.check(remainQuota >= 0, "remain_quota must not be negative");
        Requests.check(expiredTime == -1 || expiredTime > 0, "expired_time must be -1 (never) or epoch seconds");
        String key = RandomKeys.apiKey();
        String keyHash = RandomKeys.keyHash(key);
        String keyMask = RandomKeys.mask(key);
        long tokenId = runner.inTransaction(() -> {
            long id = directory.claimTokenKey(keyHash, user.userId());
            commands.sendAndWait(new CreateApiTokenCommand(String.valueOf(user.userId()), id, name, keyHash, keyMask,
                    expiredTime, remainQuota, Boolean.TRUE.equals(request.unlimitedQuota()),
                    Boolean.TRUE.equals(request.modelLimitsEnabled()), Requests.commaSeparated(request.modelLimits()),
                    request.allowIps() == null ? "" : request.allowIps(),
                    request.group() == null ? "" : request.group().strip(), user));
            return id;
        });
        if (catalogWait.isPositive() && !catalog.awaitToken(tokenId, keyHash, catalogWait)) {
            log.warn("Token {} of user {} is not in the relays' catalog after {} ({}); answering anyway, relays may "
                    + "refuse its key until it arrives. Check query-service and Kafka.", tokenId, user.userId(),
                    catalogWait, CatalogProperties.TOKEN_WAIT_VARIABLE);
        }
        return ApiResponse.ok(new CreatedToken(tokenId, name, key, keyMask));
    }
}
