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
import dev.veloera.contracts.catalog.AllowedAddresses;
import dev.veloera.contracts.user.ChangeApiTokenStatusCommand;
import dev.veloera.contracts.user.CreateApiTokenCommand;
import dev.veloera.contracts.user.DeleteApiTokenCommand;
import dev.veloera.contracts.user.UpdateApiTokenCommand;
import dev.veloera.command.web.ApiException;
import java.time.Duration;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own API tokens: {@code PUT /api/token/} edits (or, with {@code status_only}, enables or disables) and
 * {@code DELETE /api/token/{id}} deletes; another user's token id is 404. {@code POST /api/token/}: the full {@code sk-} key is in this one response and nowhere else. It answers once the new
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
    record UpdateTokenRequest(Long id, String name, Long expiredTime, Long remainQuota, Boolean unlimitedQuota,
                              Boolean modelLimitsEnabled, String modelLimits, String allowIps, String group,
                              Integer status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdatedToken(long id, String name, Integer status, Long expiredTime, Long remainQuota, Boolean unlimitedQuota,
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
        Requests.check(AllowedAddresses.isValid(request.allowIps()), AllowedAddresses.INVALID);
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

    /** Veloera's edit: every field replaced, or with {@code status_only} only the status. */
    @PutMapping("/api/token/")
    ApiResponse<UpdatedToken> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                     @RequestParam(name = "status_only", required = false) String statusOnly,
                                     @RequestBody UpdateTokenRequest request) {
        Actor user = authenticator.user(authorization);
        long id = Requests.required(request.id(), "id");
        String userId = String.valueOf(user.userId());
        if (statusOnly != null && !statusOnly.isEmpty()) {
            int status = Requests.required(request.status(), "status");
            Requests.check(status == 1 || status == 2, "status must be 1 (enabled) or 2 (disabled)");
            onToken(id, () -> commands.sendAndWait(new ChangeApiTokenStatusCommand(userId, id, status, user)));
            return ApiResponse.ok(new UpdatedToken(id, null, status, null, null, null, null, null, null, null));
        }
        String name = request.name() == null ? "" : request.name().strip();
        Requests.check(name.length() <= 50, "name must be at most 50 characters");
        long expiredTime = request.expiredTime() == null ? -1 : request.expiredTime();
        long remainQuota = request.remainQuota() == null ? 0 : request.remainQuota();
        Requests.check(remainQuota >= 0, "remain_quota must not be negative");
        Requests.check(expiredTime == -1 || expiredTime > 0, "expired_time must be -1 (never) or epoch seconds");
        Requests.check(AllowedAddresses.isValid(request.allowIps()), AllowedAddresses.INVALID);
        String allowIps = request.allowIps() == null ? "" : request.allowIps().strip();
        String group = request.group() == null ? "" : request.group().strip();
        boolean unlimited = Boolean.TRUE.equals(request.unlimitedQuota());
        boolean limitsEnabled = Boolean.TRUE.equals(request.modelLimitsEnabled());
        var limits = Requests.commaSeparated(request.modelLimits());
        onToken(id, () -> commands.sendAndWait(new UpdateApiTokenCommand(userId, id, name, expiredTime, remainQuota,
                unlimited, limitsEnabled, limits, allowIps, group, user)));
        return ApiResponse.ok(new UpdatedToken(id, name, null, expiredTime, remainQuota, unlimited, limitsEnabled,
                String.join(",", limits), allowIps, group));
    }

    @DeleteMapping("/api/token/{id}")
    ApiResponse<Void> delete(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @PathVariable("id") long id) {
        Actor user = authenticator.user(authorization);
        onToken(id, () -> commands.sendAndWait(new DeleteApiTokenCommand(String.valueOf(user.userId()), id, user)));
        return ApiResponse.ok(null);
    }

    /** A command on one of the caller's tokens: a token id the caller does not own is not found. */
    private void onToken(long id, Runnable command) {
        try {
            runner.run(command);
        } catch (AggregateEntityNotFoundException e) {
            throw ApiException.notFound("token " + id + " not found");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof AggregateEntityNotFoundException) {
                throw ApiException.notFound("token " + id + " not found");
            }
            throw e;
        }
    }
}
