package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.springframework.security.crypto.password.PasswordEncoder;

import static dev.veloera.command.user.UserAccountException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link UserAccount}'s identity (username, password hash, group, role, status), which the account's other
 * decisions read, and its changes by admins and the user. Status and role changes
 * by an admin above the account's role only (root always); the root is never disabled, demoted or deleted;
 * only root promotes, and only a common user to admin (Veloera's ManageUser). A deleted account refuses every
 * command here.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class AccountAdministration {

    private String userId;
    private String username;
    private String passwordHash;
    private String displayName;
    private String group;
    private String remark;
    private int role;
    private int status;
    private boolean deleted;

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    int role() {
        return role;
    }

    String group() {
        return group;
    }

    /** A deleted account is not found; a disabled one is refused as the relay refuses it. */
    void requireEnabled() {
        requireExists();
        if (status != Status.ENABLED) {
            throw UserAccountException.refused(GatewayError.USER_DISABLED, "the user is disabled");
        }
    }

    /** Each login issues a new access token (only its hash is kept, so the old one cannot be handed out again). */
    @CommandHandler
    LoginResult handle(LogInCommand command, PasswordEncoder passwordEncoder) {
        if (command.password() == null || !passwordEncoder.matches(command.password(), passwordHash)) {
            throw UserAccountException.unauthorized("invalid username or password");
        }
        requireEnabled();
        requireAccessToken(command.candidateAccessToken());
        apply(new AccessTokenReplacedEvent(userId, AccessTokenHash.of(command.candidateAccessToken()), command.actor()));
        return new LoginResult(Long.parseLong(userId), username, role, group, command.candidateAccessToken());
    }

    @CommandHandler
    void handle(IssueAccessTokenCommand command) {
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        requireAccessToken(command.accessToken());
        apply(new AccessTokenReplacedEvent(userId, AccessTokenHash.of(command.accessToken()), command.actor()));
    }

    @CommandHandler
    void handle(ChangeUserStatusCommand command) {
        requireExists();
        require(command.status() == Status.ENABLED || command.status() == Status.DISABLED,
                "status must be 1 (enabled) or 2 (disabled)");
        Permissions.requireAdminAbove(command.actor(), role, "change a user's status");
        if (command.status() == Status.DISABLED && role >= Roles.ROOT) {
            throw UserAccountException.forbidden("the root user cannot be disabled");
        }
        if (command.status() != status) {
            apply(new UserStatusChangedEvent(userId, command.status(), status, command.actor()));
        }
    }

    @CommandHandler
    void handle(ChangeUserRoleCommand command) {
        requireExists();
        Permissions.requireAdminAbove(command.actor(), role, "change a user's role");
        if (command.role() == Roles.ADMIN) {
            if (!command.actor().isSystem() && command.actor().role() < Roles.ROOT) {
                throw UserAccountException.forbidden("only root may promote a user to admin");
            }
            require(role < Roles.ADMIN, "the user is already an admin");
        } else if (command.role() == Roles.COMMON) {
            if (role >= Roles.ROOT) {
                throw UserAccountException.forbidden("the root user cannot be demoted");
            }
            require(role != Roles.COMMON, "the user is already a common user");
        } else {
            throw UserAccountException.invalid("role must be 1 (common) or 10 (admin)");
        }
        apply(new UserRoleChangedEvent(userId, command.role(), role, command.actor()));
    }

    @CommandHandler
    void handle(DeleteUserCommand command) {
        requireExists();
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        if (role >= Roles.ROOT) {
            throw UserAccountException.forbidden("the root user cannot be deleted");
        }
        apply(new UserDeletedEvent(userId, username, now(), command.actor()));
    }

    /** The user may change their username and display name; group and remark are an admin's. */
    @CommandHandler
    void handle(UpdateUserProfileCommand command) {
        requireExists();
        Actor actor = command.actor();
        boolean self = !actor.isSystem() && actor.userId() == Long.parseLong(userId);
        if (self && (command.group() != null || command.remark() != null)) {
            Permissions.requireAdminAbove(actor, role, "change a user's group or remark");
        } else {
            Permissions.requireSelfOrAdminAbove(actor, Long.parseLong(userId), role);
        }
        String newUsername = command.username() == null ? username : command.username();
        String newDisplayName = command.displayName() == null ? displayName : command.displayName();
        String newGroup = command.group() == null ? group : command.group();
        String newRemark = command.remark() == null ? remark : command.remark();
        require(!newUsername.isBlank(), "username is required");
        require(!newGroup.isBlank(), "group is required");
        apply(new UserProfileUpdatedEvent(userId, newUsername, newDisplayName, newGroup, newRemark, group, actor));
    }

    @CommandHandler
    void handle(ChangePasswordCommand command) {
        requireExists();
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        require(command.passwordHash() != null && !command.passwordHash().isBlank(), "password is required");
        apply(new UserPasswordChangedEvent(userId, command.passwordHash(), command.actor()));
    }

    @CommandHandler
    void handle(UpdateUserSettingCommand command) {
        requireExists();
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        apply(new UserSettingUpdatedEvent(userId, command.setting(), command.actor()));
    }

    private static void requireAccessToken(String token) {
        require(token != null && token.matches("[A-Za-z0-9]{32}"), "an access token is 32 letters or digits");
    }

    private void requireExists() {
        if (deleted) {
            throw new UserAccountException("not_found", 404, "the user has been deleted");
        }
    }

    private static long now() {
        return GenericEventMessage.clock.instant().getEpochSecond();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        username = event.username();
        passwordHash = event.passwordHash();
        displayName = event.displayName();
        group = event.group();
        role = event.role();
        status = event.status();
    }

    @EventSourcingHandler
    void on(UserPasswordChangedEvent event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(UserStatusChangedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(UserProfileUpdatedEvent event) {
        username = event.username();
        displayName = event.displayName();
        group = event.group();
        remark = event.remark();
    }
}
