package dev.veloera.command.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.CriticalRateLimited;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.option.SystemOptions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** Register and log in, in Veloera's shape; both {@link CriticalRateLimited}. */
@RestController
class UserController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterRequest(String username, String password, String displayName, String affCode) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Registered(long id, String username) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoginRequest(String username, String password) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoggedIn(long id, String username, int role, String group, String accessToken) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final PasswordEncoder passwordEncoder;
    private final CommandOptions options;
    private final AccountCreation creation;
    /** Checked against when the username is unknown, so that an unknown user costs what a wrong password costs. */
    private final String decoyHash;

    UserController(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                   PasswordEncoder passwordEncoder, CommandOptions options, AccountCreation creation) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.passwordEncoder = passwordEncoder;
        this.options = options;
        this.creation = creation;
        this.decoyHash = passwordEncoder.encode(RandomKeys.alphanumeric(24));
    }

    @CriticalRateLimited
    @PostMapping("/api/user/register")
    ApiResponse<Registered> register(@RequestBody RegisterRequest request) {
        if (!options.enabled(SystemOptions.REGISTER_ENABLED)) {
            throw ApiException.forbidden("registration is closed: the administrator turned RegisterEnabled off");
        }
        if (!options.enabled(SystemOptions.PASSWORD_REGISTER_ENABLED)) {
            throw ApiException.forbidden("registration with a password is closed (PasswordRegisterEnabled)");
        }
        Requests.Credentials credentials = Requests.newCredentials(request.username(), request.password());
        long id = creation.create(credentials, request.displayName(), Roles.COMMON, request.affCode(), null);
        return ApiResponse.ok(new Registered(id, credentials.username()));
    }

    @CriticalRateLimited
    @PostMapping("/api/user/login")
    ApiResponse<LoggedIn> login(@RequestBody LoginRequest request) {
        if (!options.enabled(SystemOptions.PASSWORD_LOGIN_ENABLED)) {
            throw ApiException.forbidden("logging in with a password is turned off (PasswordLoginEnabled)");
        }
        String username = Requests.required(request.username(), "username");
        String password = request.password();
        Requests.check(password != null && !password.isEmpty(), "password is required");
        Requests.check(password.getBytes(StandardCharsets.UTF_8).length <= 72, "password must be 8 to 72 bytes");
        Actor user = directory.actorOf(username).orElse(null);
        if (user == null) {
            passwordEncoder.matches(password, decoyHash);
            throw ApiException.unauthorized("invalid username or password");
        }
        LoginResult result = runner.send(() -> commands.<LoginResult>sendAndWait(
                new LogInCommand(String.valueOf(user.userId()), password, RandomKeys.alphanumeric(32), user)));
        return ApiResponse.ok(new LoggedIn(result.id(), result.username(), result.role(), result.group(),
                result.accessToken()));
    }
}
