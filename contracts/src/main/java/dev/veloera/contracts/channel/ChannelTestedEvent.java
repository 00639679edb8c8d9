package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

/** A test request reached the channel's upstream; {@code testTime} epoch seconds, the answer took {@code responseTimeMs}. */
public record ChannelTestedEvent(String channelId, long responseTimeMs, long testTime, Actor actor) {
}
