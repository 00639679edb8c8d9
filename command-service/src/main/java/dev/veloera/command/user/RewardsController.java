package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.user.CheckInCommand;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.TransferAffQuotaCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.ThreadLocalRandom;

/** The daily check-in and the affiliate transfer (Veloera's {@code /api/user/check_in}, {@code /aff_transfer}). */
@RestController
class RewardsController {

    record CheckedIn(long quota) {
    }

    record TransferRequest(Long quota) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final Authenticator authenticator;
    private final CommandOptions options;

    RewardsController(CommandGateway commands, CommandRunner runner, Authenticator authenticator,
                      CommandOptions options) {
        this.commands = commands;
        this.runner = runner;
        this.authenticator = authenticator;
        this.options = options;
    }

    /**
     * A random amount between CheckInQuota and CheckInMaxQuota (a maximum below the minimum counts as the
     * minimum, as in Veloera), drawn here so the event holds it; the account decides whether today is still open.
     */
    @PostMapping("/api/user/check_in")
    ApiResponse<CheckedIn> checkIn(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor self = authenticator.user(authorization);
        if (!options.enabled(SystemOptions.CHECK_IN_ENABLED)) {
            throw ApiException.forbidden("check-in is not enabled (CheckInEnabled)");
        }
        long min = options.count(SystemOptions.CHECK_IN_QUOTA);
        if (min <= 0) {
            throw new ApiException("check_in_misconfigured", 503, "CheckInQuota must be above 0; ask the administrator");
        }
        long max = Math.max(min, options.count(SystemOptions.CHECK_IN_MAX_QUOTA));
        long amount = ThreadLocalRandom.current().nextLong(min, max + 1);
        QuotaCreditedEvent credit = runner.send(() -> commands.<QuotaCreditedEvent>sendAndWait(
                new CheckInCommand(String.valueOf(self.userId()), amount, self)));
        return ApiResponse.ok(new CheckedIn(credit.amount()));
    }

    /** At least QuotaPerUnit (one dollar's worth, Veloera's minimum), never more than {@code aff_quota}. */
    @PostMapping("/api/user/aff_transfer")
    ApiResponse<Void> transfer(@RequestHeader(value = "Authorization", required = false) String authorization,
                               @RequestBody TransferRequest request) {
        Actor self = authenticator.user(authorization);
        long quota = Requests.required(request.quota(), "quota");
        long minimum = options.count(SystemOptions.QUOTA_PER_UNIT);
        Requests.check(quota >= minimum, "the amount to transfer must be at least " + minimum);
        runner.send(() -> commands.sendAndWait(
                new TransferAffQuotaCommand(String.valueOf(self.userId()), quota, minimum, self)));
        return ApiResponse.ok(null);
    }
}
