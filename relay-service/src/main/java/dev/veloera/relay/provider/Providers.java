package dev.veloera.relay.provider;

import dev.veloera.contracts.channel.ChannelTypes;
import org.springframework.stereotype.Component;

/** The {@link Provider} of each channel type the relay speaks. */
@Component
public class Providers {

    private final Provider openAi = new OpenAiProvider();
    private final Provider azure = new AzureProvider();
    private final Provider claude = new ClaudeProvider();
    private final Provider gemini = new GeminiProvider();

    public Provider of(int channelType) {
        return switch (channelType) {
            case ChannelTypes.AZURE_OPENAI -> azure;
            case ChannelTypes.ANTHROPIC_CLAUDE -> claude;
            case ChannelTypes.GEMINI -> gemini;
            default -> openAi;
        };
    }
}
