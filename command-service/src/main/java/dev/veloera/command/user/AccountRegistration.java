package dev.veloera.command.user;

import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.RegisterUserCommand;
import dev.veloera.contracts.user.UserRegisteredEvent;

import java.time.Instant;

import static dev.veloera.command.user.UserAccountException.require;

/** The checks a new {@link UserAccount} passes, and the event that registers it. */
final class AccountRegistration {

    private AccountRegistration() {
    }

    static UserRegisteredEvent event(RegisterUserCommand command, Instant now) {
        require(command.username() != null && !command.username().isBlank(), "username is required");
        require(command.passwordHash() != null && !command.passwordHash().isBlank(), "password is required");
        require(command.initialQuota() >= 0, "initial quota must not be negative");
        require(command.role() == Roles.COMMON || command.role() == Roles.ADMIN || command.role() == Roles.ROOT,
                "unknown role " + command.role());
        Permissions.requireMayGrant(command.actor(), command.role());
        String group = command.group() == null || command.group().isBlank() ? "default" : command.group();
        String displayName = command.displayName() == null || command.displayName().isBlank()
                ? command.username() : command.displayName();
        return new UserRegisteredEvent(command.userId(), command.username(), command.passwordHash(), displayName,
                command.role(), Status.ENABLED, group, command.affCode(), command.inviterId(),
                command.initialQuota(), now.getEpochSecond(), command.actor());
    }

}
