package dev.veloera.contracts.channel;

/**
 * The relay's report that a channel must change status (auto-disable after an upstream failure, or
 * re-enable after a passing test): {@code POST} {@value #PATH} on command-service with the internal
 * secret header, camelCase JSON.
 */
public record ChannelStatusReport(long channelId, int status, String reason) {
    public static final String PATH = "/internal/channels/status";
}
