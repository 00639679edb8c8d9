package dev.veloera.contracts.channel;

/**
 * Channel types, numbered as in the seed's {@code channels.type}. Types added after 0 and 1 take Veloera's number
 * for the same provider ({@code common/constants.go}), so a channel exported from Veloera keeps its meaning;
 * docs/design-notes.md ("Relay: channel types") maps ours to Veloera's.
 */
public final class ChannelTypes {
    /** Any OpenAI-compatible API; Veloera's 1 (OpenAI) and most of its relabelled OpenAI clones. */
    public static final int OPENAI_COMPATIBLE = 0;
    /** Anthropic's Messages API; Veloera's 14. */
    public static final int ANTHROPIC_CLAUDE = 1;
    /** Azure OpenAI (deployment URLs, {@code api-version}, {@code api-key}); Veloera's 3. */
    public static final int AZURE_OPENAI = 3;
    /** Google Gemini ({@code generateContent}); Veloera's 24. */
    public static final int GEMINI = 24;

    private ChannelTypes() {
    }

    /** Veloera's number for one of ours, or -1. */
    public static int veloeraType(int type) {
        return switch (type) {
            case OPENAI_COMPATIBLE -> 1;
            case ANTHROPIC_CLAUDE -> 14;
            case AZURE_OPENAI -> 3;
            case GEMINI -> 24;
            default -> -1;
        };
    }
}
