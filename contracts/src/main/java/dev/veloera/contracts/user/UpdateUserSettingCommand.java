package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user's own settings ({@code users.setting}, a JSON object such as Veloera's notification settings). */
public record UpdateUserSettingCommand(@TargetAggregateIdentifier String userId, String setting, Actor actor) {
}
