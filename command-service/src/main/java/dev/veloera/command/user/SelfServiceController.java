package dev.veloera.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.DeleteUserCommand;
import dev.veloera.contracts.user.IssueAccessTokenCommand;
import dev.veloera.contracts.user.UpdateUserSettingCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** What a logged-in user does to their own account (Veloera's {@code /api/user/self}, token, logout, setting). */
@RestController
class SelfServiceController {

    /** Veloera's UpdateSelf: username, display name, and a new password when one is sent. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateSelfRequest(String username, String displayName, String password) {
    }

    private static final int MAX_SETTING_BYTES = 4096;

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final Authenticator authenticator;
    private final ProfileChanges profiles;

    SelfServiceController(CommandGateway commands, CommandRunner runner, Authenticator authenticator,
                          ProfileChanges profiles) {
        this.commands = commands;
        this.runner = runner;
        this.authenticator = authenticator;
        this.profiles = profiles;
    }

    @PutMapping("/api/user/self")
    ApiResponse<Void> updateSelf(@RequestHeader(value = "Authorization", required = false) String authorization,
                                 @RequestBody UpdateSelfRequest request) {
        Actor self = authenticator.user(authorization);
        profiles.update(self.userId(), new ProfileChanges.Changes(request.username(), request.displayName(),
                request.password(), null, null, null), self);
        return ApiResponse.ok(null);
    }

    @DeleteMapping("/api/user/self")
    ApiResponse<Void> deleteSelf(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor self = authenticator.user(authorization);
        runner.send(() -> commands.sendAndWait(new DeleteUserCommand(String.valueOf(self.userId()), self)));
        return ApiResponse.ok(null);
    }

    /** A new access token, which replaces the old one at once (Veloera's GenerateAccessToken). */
    @GetMapping("/api/user/token")
    ApiResponse<String> newAccessToken(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor self = authenticator.user(authorization);
        String token = RandomKeys.alphanumeric(32);
        runner.send(() -> commands.sendAndWait(new IssueAccessTokenCommand(String.valueOf(self.userId()), token, self)));
        return ApiResponse.ok(token);
    }

    /**
     * The access token is this API's session: logging out replaces it with one nobody is told, so the bearer
     * stops working; the next login issues a fresh one.
     */
    @GetMapping("/api/user/logout")
    ApiResponse<Void> logout(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor self = authenticator.user(authorization);
        runner.send(() -> commands.sendAndWait(new IssueAccessTokenCommand(String.valueOf(self.userId()),
                RandomKeys.alphanumeric(32), self)));
        return ApiResponse.ok(null);
    }

    /** Veloera's notification settings (notify_type, quota_warning_threshold, webhook_url, …) as one JSON object. */
    @PutMapping("/api/user/setting")
    ApiResponse<Void> updateSetting(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @RequestBody JsonNode setting) {
        Actor self = authenticator.user(authorization);
        Requests.check(setting != null && setting.isObject(), "the settings must be a JSON object");
        String json = setting.toString();
        Requests.check(json.getBytes(StandardCharsets.UTF_8).length <= MAX_SETTING_BYTES,
                "the settings must be at most " + MAX_SETTING_BYTES + " bytes");
        runner.send(() -> commands.sendAndWait(new UpdateUserSettingCommand(String.valueOf(self.userId()), json, self)));
        return ApiResponse.ok(null);
    }
}
