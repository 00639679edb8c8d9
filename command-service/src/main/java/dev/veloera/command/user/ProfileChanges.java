package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.ChangePasswordCommand;
import dev.veloera.contracts.user.SetUserQuotaCommand;
import dev.veloera.contracts.user.UpdateUserProfileCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * An update of a user's profile (the admin's whole {@code PUT /api/user/}, or the user's {@code PUT /api/user/self})
 * in one transaction: a new username claimed in the lookup table, the profile, a new password, the quota. A
 * {@code null} field stays as it is; an empty password too (Veloera's forms send it empty).
 */
@Component
class ProfileChanges {

    record Changes(String username, String displayName, String password, String group, String remark, Long quota) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final PasswordEncoder passwordEncoder;

    ProfileChanges(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                   PasswordEncoder passwordEncoder) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.passwordEncoder = passwordEncoder;
    }

    void update(long userId, Changes changes, Actor actor) {
        String username = changes.username() == null || changes.username().isBlank() ? null
                : Requests.username(changes.username());
        String displayName = changes.displayName() == null ? null : changes.displayName().strip();
        Requests.check(displayName == null || displayName.length() <= 64, "display_name must be at most 64 characters");
        String group = changes.group() == null || changes.group().isBlank() ? null : changes.group().strip();
        Requests.check(group == null || (group.length() <= 64 && group.matches("[\\p{L}\\p{N}_.-]+")),
                "group must be at most 64 letters, digits, '_', '.' or '-'");
        String remark = changes.remark();
        Requests.check(remark == null || remark.length() <= 255, "remark must be at most 255 characters");
        String passwordHash = changes.password() == null || changes.password().isEmpty() ? null
                : passwordEncoder.encode(Requests.password(changes.password()));
        Requests.check(changes.quota() == null || changes.quota() >= 0, "quota must not be negative");
        runner.inTransaction(() -> {
            if (directory.actorOf(userId).isEmpty()) {
                throw ApiException.notFound("no user " + userId);
            }
            String id = String.valueOf(userId);
            if (username != null) {
                directory.renameUser(userId, username);
            }
            if (username != null || displayName != null || group != null || remark != null) {
                commands.sendAndWait(new UpdateUserProfileCommand(id, username, displayName, group, remark, actor));
            }
            if (passwordHash != null) {
                commands.sendAndWait(new ChangePasswordCommand(id, passwordHash, actor));
            }
            if (changes.quota() != null) {
                commands.sendAndWait(new SetUserQuotaCommand(id, changes.quota(), actor));
            }
            return null;
        });
    }
}
