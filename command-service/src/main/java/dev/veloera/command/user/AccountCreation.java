package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.command.web.RandomKeys;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.user.CreditAffiliateQuotaCommand;
import dev.veloera.contracts.user.CreditQuotaCommand;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.RegisterUserCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A new account (registration, or an admin's {@code POST /api/user/}) in one transaction: the username claimed,
 * the account with QuotaForNewUser, and with a valid {@code aff_code} the inviter's QuotaForInviter into their
 * {@code aff_quota} (counting the invitee) and the invitee's QuotaForInvitee. Nothing of it exists unless all of it does.
 */
@Component
class AccountCreation {

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final UserDirectory directory;
    private final PasswordEncoder passwordEncoder;
    private final CommandOptions options;

    AccountCreation(CommandGateway commands, CommandRunner runner, UserDirectory directory,
                    PasswordEncoder passwordEncoder, CommandOptions options) {
        this.commands = commands;
        this.runner = runner;
        this.directory = directory;
        this.passwordEncoder = passwordEncoder;
        this.options = options;
    }

    /** Answers the new user id; {@code creator} null means the user registers themself. */
    long create(Requests.Credentials credentials, String displayName, int role, String affCode, Actor creator) {
        Requests.check(displayName == null || displayName.length() <= 64, "display_name must be at most 64 characters");
        String passwordHash = passwordEncoder.encode(credentials.password());
        return runner.inTransaction(() -> {
            Long inviterId = affCode == null || affCode.isBlank() ? null
                    : directory.userIdByAffCode(affCode.strip()).orElse(null);
            String ownAffCode = RandomKeys.alphanumeric(8);
            long id = directory.claimUsername(credentials.username(), ownAffCode);
            Actor actor = creator != null ? creator : new Actor(id, Roles.COMMON);
            commands.sendAndWait(new RegisterUserCommand(String.valueOf(id), credentials.username(), passwordHash,
                    displayName, role, "default", ownAffCode, inviterId,
                    options.count(SystemOptions.QUOTA_FOR_NEW_USER), actor));
            if (inviterId != null) {
                commands.sendAndWait(new CreditAffiliateQuotaCommand(String.valueOf(inviterId),
                        options.count(SystemOptions.QUOTA_FOR_INVITER), CreditSource.INVITER_REWARD,
                        String.valueOf(id), true, actor));
                long inviteeReward = options.count(SystemOptions.QUOTA_FOR_INVITEE);
                if (inviteeReward > 0) {
                    commands.sendAndWait(new CreditQuotaCommand(String.valueOf(id), inviteeReward,
                            CreditSource.INVITATION, String.valueOf(inviterId), "invited by user " + inviterId,
                            actor));
                }
            }
            return id;
        });
    }
}
