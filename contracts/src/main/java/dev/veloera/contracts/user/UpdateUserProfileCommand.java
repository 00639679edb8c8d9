package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a user's username, display name, group and remark (an admin above them; the user themself may change
 * only username and display name). {@code username} has already been claimed on the command side when it
 * changed. A {@code null} field is left as it is.
 */
public record UpdateUserProfileCommand(@TargetAggregateIdentifier String userId, String username,
                                       String displayName, String group, String remark, Actor actor) {
}
