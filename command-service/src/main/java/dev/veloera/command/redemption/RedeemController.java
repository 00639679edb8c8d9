package dev.veloera.command.redemption;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.CriticalRateLimited;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.QuotaText;
import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.RedeemCodeCommand;
import dev.veloera.contracts.redemption.RedemptionIds;
import dev.veloera.contracts.user.CreditQuotaCommand;
import dev.veloera.contracts.user.CreditSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Redeeming a code, Veloera's {@code POST /api/user/topup {key}}: the {@link Redemption} decides the use and
 * the user's account is credited in the same transaction, so a use is never recorded without its credit nor
 * the other way round. {@link CriticalRateLimited}, like login and register: guessing codes costs attempts.
 */
@RestController
class RedeemController {

    record RedeemRequest(String key) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Redeemed(long quota, boolean isGift) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final RedemptionKeys keys;
    private final Authenticator authenticator;

    RedeemController(CommandGateway commands, CommandRunner runner, RedemptionKeys keys, Authenticator authenticator) {
        this.commands = commands;
        this.runner = runner;
        this.keys = keys;
        this.authenticator = authenticator;
    }

    @CriticalRateLimited
    @PostMapping("/api/user/topup")
    ApiResponse<Redeemed> redeem(@RequestHeader(value = "Authorization", required = false) String authorization,
                                 @RequestBody RedeemRequest request) {
        Actor user = authenticator.user(authorization);
        String key = Requests.required(request.key(), "key");
        long id = keys.idOf(key).orElseThrow(RedemptionException::notFound);
        CodeRedeemedEvent used = runner.inTransaction(() -> {
            CodeRedeemedEvent redeemed = commands.sendAndWait(
                    new RedeemCodeCommand(RedemptionIds.aggregateId(id), user.userId(), user));
            commands.sendAndWait(new CreditQuotaCommand(String.valueOf(user.userId()), redeemed.quota(),
                    CreditSource.REDEMPTION, String.valueOf(id), reason(redeemed, id), user));
            return redeemed;
        });
        return ApiResponse.ok(new Redeemed(used.quota(), used.gift()));
    }

    /** Veloera's log line for a redemption. */
    static String reason(CodeRedeemedEvent redeemed, long id) {
        return "通过" + (redeemed.gift() ? "礼品码" : "兑换码") + "充值 " + QuotaText.logQuota(redeemed.quota())
                + "，兑换码ID " + id;
    }
}
