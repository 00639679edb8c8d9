package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a channel's status ({@code Status.ENABLED}, {@code DISABLED} by hand, {@code AUTO_DISABLED} by the
 * gateway after an upstream failure) with the reason shown to operators. Setting the status it already
 * has changes nothing (no event), so repeated reports from several relays are harmless.
 */
public record ChangeChannelStatusCommand(@TargetAggregateIdentifier String channelId, int status, String reason,
                                         Actor actor) {
}
