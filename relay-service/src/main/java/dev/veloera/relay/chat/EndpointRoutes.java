package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.provider.Provider;
import dev.veloera.relay.provider.Providers;
import dev.veloera.relay.upstream.UpstreamHttp;
import dev.veloera.relay.upstream.UpstreamRequest;
import org.springframework.stereotype.Component;

/**
 * The way of an OpenAI endpoint other than chat (embeddings, images, audio, completions, responses, rerank,
 * moderations) to a channel: the client's body with the model mapped and {@code param_override} applied (a multipart
 * body unchanged), to the same path on the channel (Azure: its deployment URL); the answer back unchanged, with the
 * usage it reports. A channel type without the endpoint has no route (null).
 */
@Component
class EndpointRoutes {

    private final Providers providers;
    private final ObjectMapper json;

    EndpointRoutes(Providers providers, ObjectMapper json) {
        this.providers = providers;
        this.json = json;
    }

    ChatRoute route(String path, ChatRequest request, byte[] rawBody, String contentType, Channel channel, String key,
                    String upstreamModel) {
        Provider provider = providers.of(channel.type());
        byte[] body = rawBody;
        if (contentType != null && contentType.startsWith("application/json")) {
            ObjectNode tree = ChatRoutes.forAttempt(request.body(), channel);
            if (tree.has("model")) {
                tree.put("model", upstreamModel);
            }
            if (request.stream() && path.equals("/v1/completions")) {
                tree.putObject("stream_options").put("include_usage", true);
            }
            body = bytes(ChatRoutes.override(tree, channel.paramOverride()));
        }
        UpstreamRequest upstream = provider.endpoint(channel, key, path, upstreamModel, body,
                contentType == null ? "application/json" : contentType);
        if (upstream == null) {
            return null;
        }
        boolean clientWantsUsage = request.body().at("/stream_options/include_usage").asBoolean(false);
        return new ChatRoute(upstream, this::answer, () -> new OpenAiPassthrough(clientWantsUsage));
    }

    private ChatRoute.ClientAnswer answer(UpstreamHttp.Answer answer) {
        String type = answer.contentType();
        if (!type.startsWith("application/json")) {
            // speech (audio bytes) or a transcript as text, srt or vtt
            String text = type.startsWith("text/") ? new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8) : "";
            return new ChatRoute.ClientAnswer(answer.body(), type, null, text);
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(answer.body());
        } catch (Exception e) {
            return new ChatRoute.ClientAnswer(null, type, null, "");
        }
        TokenUsage usage = parsed == null ? null : TokenUsage.ofOpenAi(parsed.get("usage"));
        StringBuilder text = new StringBuilder();
        if (parsed != null) {
            text.append(parsed.path("text").asText(""));
            for (JsonNode choice : parsed.path("choices")) {
                text.append(choice.path("text").asText(""));
            }
            for (JsonNode output : parsed.path("output")) {
                for (JsonNode content : output.path("content")) {
                    text.append(content.path("text").asText(""));
                }
            }
        }
        return new ChatRoute.ClientAnswer(answer.body(), type, usage, text.toString());
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }
}
