package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Edits a channel (admin): the non-null fields of {@code edit} replace the channel's, after validation. */
public record UpdateChannelCommand(@TargetAggregateIdentifier String channelId, ChannelSettings edit, Actor actor) {
}
