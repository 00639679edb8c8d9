package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

/** The upstream reported the channel's balance (USD) at {@code updatedTime} (epoch seconds). */
public record ChannelBalanceUpdatedEvent(String channelId, double balance, long updatedTime, Actor actor) {
}
