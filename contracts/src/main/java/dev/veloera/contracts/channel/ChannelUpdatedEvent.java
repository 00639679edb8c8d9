package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

/** A channel's settings as they now are (every field set); its abilities follow from models × groups. */
public record ChannelUpdatedEvent(String channelId, ChannelSettings settings, long updatedTime, Actor actor) {
}
