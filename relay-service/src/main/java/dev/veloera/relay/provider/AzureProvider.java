package dev.veloera.relay.provider;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.upstream.UpstreamRequest;

/**
 * Azure OpenAI (type 3): OpenAI's format at {@code <base>/openai/deployments/<deployment>/<endpoint>?api-version=
 * <other>}, the key in {@code api-key}. The deployment is the upstream model with its dots removed, as Veloera
 * names deployments ({@code gpt-3.5-turbo} → {@code gpt-35-turbo}).
 */
class AzureProvider extends OpenAiProvider {

    static final String DEFAULT_API_VERSION = "2024-10-21";

    @Override
    public Target chat(Channel channel, String key, ObjectNode openAiBody, boolean stream) {
        String model = openAiBody.path("model").asText();
        return new Target(uri(channel, model, "/chat/completions"), headers(key), openAiBody);
    }

    @Override
    public UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body,
                                    String contentType) {
        return UpstreamRequest.post(uri(channel, model, path.substring("/v1".length())), headers(key), body,
                contentType);
    }

    @Override
    Map<String, String> headers(String key) {
        return Map.of("api-key", key);
    }

    static URI uri(Channel channel, String model, String endpoint) {
        String version = channel.other().isBlank() ? DEFAULT_API_VERSION : channel.other();
        String deployment = model.replace(".", "");
        return URI.create(channel.baseUrlOr("https://example.openai.azure.com") + "/openai/deployments/"
                + deployment + endpoint + "?api-version=" + version);
    }
}
