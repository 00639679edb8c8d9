package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

/** A channel is gone: its row and abilities are removed and its catalog entry becomes a tombstone. */
public record ChannelDeletedEvent(String channelId, String name, Actor actor) {
}
