package dev.veloera.relay.provider;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.upstream.UpstreamRequest;

/**
 * How the relay speaks to one channel type. Requests reach a provider in OpenAI's chat format (the relay's common
 * format) and leave in the provider's; answers come back the other way. A provider that speaks OpenAI's format
 * ({@link #speaksOpenAi()}) gets the client's bytes and gives back its own unchanged.
 */
public interface Provider {

    /** Where a chat request goes and what it carries, before the channel's {@code param_override}. */
    record Target(java.net.URI uri, Map<String, String> headers, ObjectNode body) {
    }

    /** Requests and answers in OpenAI's format, passed through unchanged. */
    boolean speaksOpenAi();

    /** The chat request for {@code upstreamModel} in the provider's format (the body's model is already mapped). */
    Target chat(Channel channel, String key, ObjectNode openAiBody, boolean stream);

    /** The provider's whole answer as an OpenAI {@code chat.completion}. */
    ObjectNode chatAnswer(JsonNode answer, String model);

    /** A reader of the provider's stream that yields OpenAI chunks. */
    ChunkDecoder chatStream(String model);

    /**
     * An OpenAI-format endpoint other than chat ({@code path} as {@code /v1/embeddings}), with the client's body
     * (JSON or multipart), or null when the provider has no such endpoint.
     */
    UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body, String contentType);
}
