package dev.veloera.relay.channel;

/** A model some enabled channel of a group serves, with that channel's type. */
public record ModelEntry(String model, int channelType) {
}
