package dev.veloera.contracts.channel;

/** Channel types, numbered as in the seed's {@code channels.type}; new types take the next numbers. */
public final class ChannelTypes {
    public static final int OPENAI_COMPATIBLE = 0;
    public static final int ANTHROPIC_CLAUDE = 1;

    private ChannelTypes() {
    }
}
