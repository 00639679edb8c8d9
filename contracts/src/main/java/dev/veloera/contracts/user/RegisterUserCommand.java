package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a {@code UserAccount}. {@code userId} is the decimal user id already claimed on the
 * command side (it is also the {@code users.id} of the read model); {@code passwordHash} is a BCrypt hash.
 */
public record RegisterUserCommand(@TargetAggregateIdentifier String userId, String username, String passwordHash,
                                  String displayName, int role, String group, String affCode, Long inviterId,
                                  long initialQuota, Actor actor) {
}
