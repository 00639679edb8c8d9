package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/** Writes OpenAI chunks as the client's event stream. */
interface ChunkEncoder {

    String encode(ObjectNode chunk);

    /** The end of the stream, with the final usage when known. */
    String finish(TokenUsage usage);
}
