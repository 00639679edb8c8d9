package dev.veloera.command.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.ChangeUserRoleCommand;
import dev.veloera.contracts.user.ChangeUserStatusCommand;
import dev.veloera.contracts.user.DeleteUserCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** An admin's user management, Veloera's paths and bodies; the account refuses what the actor may not do. */
@RestController
class UserAdminController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateUserRequest(String username, String password, String displayName, Integer role) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Created(long id, String username) {
    }

    /** Veloera sends the whole user; these fields are applied, a missing one left as it is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateUserRequest(Long id, String username, String displayName, String password, String group, Long quota,
                             String remark) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Updated(long id, Long quota) {
    }

    record ManageRequest(Long id, String action) {
    }

    /** What Veloera answers to a manage action: the user's role and status after it. */
    record Managed(int role, int status) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final Authenticator authenticator;
    private final AccountCreation creation;
    private final ProfileChanges profiles;

    UserAdminController(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                        Authenticator authenticator, AccountCreation creation, ProfileChanges profiles) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.authenticator = authenticator;
        this.creation = creation;
        this.profiles = profiles;
    }

    @PostMapping({"/api/user", "/api/user/"})
    ApiResponse<Created> create(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestBody CreateUserRequest request) {
        Actor admin = authenticator.admin(authorization);
        Requests.Credentials credentials = Requests.newCredentials(request.username(), request.password());
        int role = request.role() == null ? Roles.COMMON : request.role();
        Requests.check(role == Roles.COMMON || role == Roles.ADMIN, "role must be 1 (common) or 10 (admin)");
        long id = creation.create(credentials, request.displayName(), role, null, admin);
        return ApiResponse.ok(new Created(id, credentials.username()));
    }

    @PutMapping({"/api/user", "/api/user/"})
    ApiResponse<Updated> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestBody UpdateUserRequest request) {
        Actor admin = authenticator.admin(authorization);
        long id = Requests.required(request.id(), "id");
        profiles.update(id, new ProfileChanges.Changes(request.username(), request.displayName(), request.password(),
                request.group(), request.remark(), request.quota()), admin);
        return ApiResponse.ok(new Updated(id, request.quota()));
    }

    @DeleteMapping("/api/user/{id}")
    ApiResponse<Void> delete(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @PathVariable("id") long id) {
        Actor admin = authenticator.admin(authorization);
        requireUser(id);
        runner.send(() -> commands.sendAndWait(new DeleteUserCommand(String.valueOf(id), admin)));
        return ApiResponse.ok(null);
    }

    @PostMapping("/api/user/manage")
    ApiResponse<Managed> manage(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestBody ManageRequest request) {
        Actor admin = authenticator.admin(authorization);
        long id = Requests.required(request.id(), "id");
        String action = Requests.required(request.action(), "action");
        Object command = switch (action) {
            case "disable" -> new ChangeUserStatusCommand(String.valueOf(id), Status.DISABLED, admin);
            case "enable" -> new ChangeUserStatusCommand(String.valueOf(id), Status.ENABLED, admin);
            case "delete" -> new DeleteUserCommand(String.valueOf(id), admin);
            case "promote" -> new ChangeUserRoleCommand(String.valueOf(id), Roles.ADMIN, admin);
            case "demote" -> new ChangeUserRoleCommand(String.valueOf(id), Roles.COMMON, admin);
            default -> throw ApiException.badRequest("action must be disable, enable, delete, promote or demote");
        };
        requireUser(id);
        runner.send(() -> commands.sendAndWait(command));
        return ApiResponse.ok(directory.roleAndStatus(id).map(rs -> new Managed(rs[0], rs[1]))
                .orElseThrow(() -> ApiException.notFound("no user " + id)));
    }

    private void requireUser(long id) {
        if (directory.actorOf(id).isEmpty()) {
            throw ApiException.notFound("no user " + id);
        }
    }
}
