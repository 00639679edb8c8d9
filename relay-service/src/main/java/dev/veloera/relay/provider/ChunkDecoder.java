package dev.veloera.relay.provider;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/** Reads a provider's event stream line by line, yielding OpenAI {@code chat.completion.chunk} objects. */
public interface ChunkDecoder {

    /** The chunks one line of the upstream's stream carries (most lines carry none). */
    List<ObjectNode> decode(String line);

    /** The usage the stream reported so far, or null. */
    TokenUsage usage();
}
