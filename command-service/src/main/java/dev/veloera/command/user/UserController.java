package dev.veloera.command.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.user.RegisterUserCommand;
import dev.veloera.contracts.user.SetUserQuotaCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Register, log in, and the admin's user update (quota), in Veloera's shape. */
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

    /** Veloera sends the whole user; this slice applies {@code quota} only. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateUserRequest(Long id, Long quota) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Updated(long id, long quota) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final PasswordEncoder passwordEncoder;
    private final Authenticator authenticator;

    UserController(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                   PasswordEncoder passwordEncoder, Authenticator authenticator) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.passwordEncoder = passwordEncoder;
        this.authenticator = authenticator;
    }

    @PostMapping("/api/user/register")
    ApiResponse<Registered> register(@RequestBody RegisterRequest request) {
        Requests.Credentials credentials = Requests.newCredentials(request.username(), request.password());
        String username = credentials.username();
        String password = credentials.password();
        Requests.check(request.displayName() == null || request.displayName().length() <= 64,
                "display_name must be at most 64 characters");
        String passwordHash = passwordEncoder.encode(password);
        return ApiResponse.ok(runner.inTransaction(() -> {
            Long inviterId = request.affCode() == null || request.affCode().isBlank() ? null
                    : directory.userIdByAffCode(request.affCode().strip()).orElse(null);
            String affCode = RandomKeys.alphanumeric(8);
            long id = directory.claimUsername(username, affCode);
            commands.sendAndWait(new RegisterUserCommand(String.valueOf(id), username, passwordHash,
                    request.displayName(), Roles.COMMON, "default", affCode, inviterId, 0,
                    new Actor(id, Roles.COMMON)));
            return new Registered(id, username);
        }));
    }

    @PostMapping("/api/user/login")
    ApiResponse<LoggedIn> login(@RequestBody LoginRequest request) {
        String username = Requests.required(request.username(), "username");
        String password = Requests.required(request.password(), "password");
        Actor user = directory.actorOf(username)
                .orElseThrow(() -> ApiException.unauthorized("invalid username or password"));
        LoginResult result = runner.send(() -> {
            return commands.<LoginResult>sendAndWait(new LogInCommand(String.valueOf(user.userId()), password,
                    RandomKeys.alphanumeric(32), user));
        });
        return ApiResponse.ok(new LoggedIn(result.id(), result.username(), result.role(), result.group(),
                result.accessToken()));
    }

    @PutMapping("/api/user/")
    ApiResponse<Updated> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestBody UpdateUserRequest request) {
        Actor admin = authenticator.admin(authorization);
        long id = Requests.required(request.id(), "id");
        long quota = Requests.required(request.quota(), "quota");
        Requests.check(quota >= 0, "quota must not be negative");
        runner.run(() -> commands.sendAndWait(new SetUserQuotaCommand(String.valueOf(id), quota, admin)));
        return ApiResponse.ok(new Updated(id, quota));
    }
}
