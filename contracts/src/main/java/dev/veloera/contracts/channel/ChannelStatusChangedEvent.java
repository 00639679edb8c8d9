package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

/** A channel's status went from {@code previousStatus} to {@code status}; {@code changedTime} is epoch seconds. */
public record ChannelStatusChangedEvent(String channelId, int previousStatus, int status, String reason,
                                        long changedTime, Actor actor) {
}
