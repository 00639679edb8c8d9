package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deletes a channel (admin). With {@code onlyIfDisabled} (Veloera's "delete disabled channels") an enabled channel
 * is left alone rather than refused.
 */
public record DeleteChannelCommand(@TargetAggregateIdentifier String channelId, boolean onlyIfDisabled, Actor actor) {
}
