package dev.veloera.contracts.channel;

/**
 * Channel aggregate identifiers. Axon's event store requires an aggregate id to be unique across
 * all aggregate types, and user accounts own the plain decimal ids ({@code "1"}), so a channel's
 * aggregate id is its numeric id (the read model's {@code channels.id}) behind a prefix.
 */
public final class ChannelIds {

    private static final String PREFIX = "channel-";

    private ChannelIds() {
    }

    public static String aggregateId(long channelId) {
        return PREFIX + channelId;
    }

    /** The numeric id of {@code aggregateId}; refuses an id that is not a channel's. */
    public static long numericId(String aggregateId) {
        if (aggregateId == null || !aggregateId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a channel aggregate id: " + aggregateId);
        }
        return Long.parseLong(aggregateId.substring(PREFIX.length()));
    }
}
