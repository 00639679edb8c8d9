package dev.veloera.relay.provider;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.upstream.UpstreamRequest;

/**
 * Anthropic (type 1): {@code <base>/v1/messages} with {@code x-api-key} and {@code anthropic-version}. OpenAI chat
 * requests are converted ({@link ClaudeRequests}, {@link ClaudeAnswers}); Anthropic clients are served natively
 * ({@link #nativeMessages}). Claude has no other OpenAI endpoint.
 */
public class ClaudeProvider implements Provider {

    public static final String DEFAULT_VERSION = "2023-06-01";
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    @Override
    public boolean speaksOpenAi() {
        return false;
    }

    @Override
    public Target chat(Channel channel, String key, ObjectNode openAiBody, boolean stream) {
        return new Target(uri(channel), headers(key, Map.of()), ClaudeRequests.fromOpenAi(openAiBody, stream));
    }

    /** A Messages request as the client sent it, with its {@code anthropic-*} headers. */
    public static Target nativeMessages(Channel channel, String key, ObjectNode body, Map<String, String> passHeaders) {
        return new Target(uri(channel), headers(key, passHeaders), body);
    }

    @Override
    public ObjectNode chatAnswer(JsonNode answer, String model) {
        return ClaudeAnswers.toOpenAi(answer, model);
    }

    @Override
    public ChunkDecoder chatStream(String model) {
        return new ClaudeAnswers.Decoder(model);
    }

    @Override
    public UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body,
                                    String contentType) {
        return null;
    }

    private static URI uri(Channel channel) {
        return URI.create(channel.baseUrlOr(DEFAULT_BASE_URL) + "/v1/messages");
    }

    private static Map<String, String> headers(String key, Map<String, String> passHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", key);
        headers.put("anthropic-version", DEFAULT_VERSION);
        headers.putAll(passHeaders);
        return headers;
    }
}
