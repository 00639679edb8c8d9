package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.provider.ChunkDecoder;

/** A converted stream: the provider's lines decoded into OpenAI chunks, encoded in the client's format. */
final class ChunkTranslator implements StreamTranslator {

    private final ChunkDecoder decoder;
    private final ChunkEncoder encoder;
    private final StringBuilder text = new StringBuilder();

    ChunkTranslator(ChunkDecoder decoder, ChunkEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public String onLine(String line) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode chunk : decoder.decode(line)) {
            for (JsonNode choice : chunk.path("choices")) {
                OpenAiPassthrough.appendGenerated(choice.path("delta"), text);
            }
            out.append(encoder.encode(chunk));
        }
        return out.toString();
    }

    @Override
    public String tail() {
        return encoder.finish(decoder.usage());
    }

    @Override
    public TokenUsage usage() {
        return decoder.usage();
    }

    @Override
    public String generatedText() {
        return text.toString();
    }
}
