package dev.veloera.relay.provider;

import java.util.Map;
import java.util.function.Function;

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
     * An OpenAI endpoint the provider serves in its own format: the request it sends (before the channel's
     * {@code param_override}) and how its answer becomes OpenAI's (null when the answer cannot be read).
     */
    record ConvertedEndpoint(Target target, Function<JsonNode, ObjectNode> answer) {
    }

    /**
     * {@code path}'s OpenAI request ({@code openAiBody}, its model already mapped) converted to the provider's format,
     * or null when the provider has no conversion for it (then {@link #endpoint} is asked). Asked only of providers
     * that do not {@link #speaksOpenAi() speak OpenAI}.
     *
     * @throws UnsupportedRequestException when the provider has the endpoint but not for this request (its model)
     */
    default ConvertedEndpoint convertEndpoint(Channel channel, String key, String path, ObjectNode openAiBody) {
        return null;
    }

    /**
     * An OpenAI-format endpoint other than chat ({@code path} as {@code /v1/embeddings}), with the client's body
     * (JSON or multipart), or null when the provider has no such endpoint.
     */
    UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body, String contentType);
}
