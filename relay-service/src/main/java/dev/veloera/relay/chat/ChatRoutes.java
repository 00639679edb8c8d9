package dev.veloera.relay.chat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.provider.ClaudeProvider;
import dev.veloera.relay.provider.Provider;
import dev.veloera.relay.provider.Providers;
import dev.veloera.relay.upstream.UpstreamRequest;
import org.springframework.stereotype.Component;

/**
 * Chooses the way a chat request takes to a channel: unchanged when client and channel speak the same format,
 * converted through OpenAI's chat format otherwise. The channel's {@code param_override} is applied to the body the
 * upstream receives.
 */
@Component
class ChatRoutes {

    private final Providers providers;
    private final ObjectMapper json;

    ChatRoutes(Providers providers, ObjectMapper json) {
        this.providers = providers;
        this.json = json;
    }

    ChatRoute route(ChatRequest request, Channel channel, String key, String upstreamModel) {
        Provider provider = providers.of(channel.type());
        if (request.format() == ClientFormat.ANTHROPIC) {
            return channel.type() == ChannelTypes.ANTHROPIC_CLAUDE
                    ? nativeClaude(request, channel, key, upstreamModel)
                    : anthropicOver(provider, request, channel, key, upstreamModel);
        }
        ObjectNode body = forAttempt(request.openAiBody(), channel);
        body.put("model", upstreamModel);
        if (request.stream() && provider.speaksOpenAi()) {
            // the usage of a stream comes in a last chunk that OpenAI sends only when asked
            JsonNode options = body.path("stream_options");
            ObjectNode streamOptions = body.objectNode();
            if (options.isObject()) {
                streamOptions.setAll((ObjectNode) options);
            }
            streamOptions.put("include_usage", true);
            body.set("stream_options", streamOptions);
        }
        Provider.Target target = provider.chat(channel, key, body, request.stream());
        UpstreamRequest upstream = UpstreamRequest.postJson(target.uri(), target.headers(),
                bytes(override(target.body(), channel.paramOverride())));
        boolean clientWantsUsage = request.openAiBody().at("/stream_options/include_usage").asBoolean(false);
        if (provider.speaksOpenAi()) {
            return new ChatRoute(upstream, answer -> openAiAnswer(answer.body()), () -> new OpenAiPassthrough(clientWantsUsage));
        }
        return new ChatRoute(upstream, answer -> convertedAnswer(provider, answer.body(), request.model()),
                () -> new ChunkTranslator(provider.chatStream(request.model()),
                        new OpenAiChunkEncoder(clientWantsUsage, request.model())));
    }

    /** Anthropic client, Claude channel: the client's request and the channel's answer, unchanged. */
    private ChatRoute nativeClaude(ChatRequest request, Channel channel, String key, String upstreamModel) {
        ObjectNode body = forAttempt(request.body(), channel);
        body.put("model", upstreamModel);
        Provider.Target target = ClaudeProvider.nativeMessages(channel, key, body, request.passHeaders());
        UpstreamRequest upstream = UpstreamRequest.postJson(target.uri(), target.headers(),
                bytes(override(target.body(), channel.paramOverride())));
        return new ChatRoute(upstream, upstreamAnswer -> {
            byte[] bytes = upstreamAnswer.body();
            JsonNode answer = tryParse(bytes);
            if (answer == null) {
                return new ChatRoute.ClientAnswer(null, "application/json", null, "");
            }
            StringBuilder text = new StringBuilder();
            answer.path("content").forEach(block -> text.append(block.path("text").asText("")));
            TokenUsage usage = answer.has("usage") ? TokenUsage.ofClaude(answer.at("/usage/input_tokens").asInt(0),
                    answer.at("/usage/output_tokens").asInt(0), answer.at("/usage/cache_read_input_tokens").asInt(0),
                    answer.at("/usage/cache_creation_input_tokens").asInt(0)) : null;
            return new ChatRoute.ClientAnswer(bytes, "application/json", usage, text.toString());
        }, ClaudePassthrough::new);
    }

    /** Anthropic client, any other channel: through OpenAI's format and back. */
    private ChatRoute anthropicOver(Provider provider, ChatRequest request, Channel channel, String key,
                                    String upstreamModel) {
        ObjectNode body = forAttempt(request.openAiBody(), channel);
        body.put("model", upstreamModel);
        if (request.stream() && provider.speaksOpenAi()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        Provider.Target target = provider.chat(channel, key, body, request.stream());
        UpstreamRequest upstream = UpstreamRequest.postJson(target.uri(), target.headers(),
                bytes(override(target.body(), channel.paramOverride())));
        return new ChatRoute(upstream, upstreamAnswer -> {
            byte[] bytes = upstreamAnswer.body();
            JsonNode answer = tryParse(bytes);
            if (answer == null) {
                return new ChatRoute.ClientAnswer(null, "application/json", null, "");
            }
            ObjectNode openAi = provider.speaksOpenAi() ? (ObjectNode) answer : provider.chatAnswer(answer,
                    request.model());
            TokenUsage usage = TokenUsage.ofOpenAi(openAi.get("usage"));
            return new ChatRoute.ClientAnswer(bytes(AnthropicRequests.toAnthropic(openAi, request.model(), usage)),
                    "application/json", usage, generated(openAi));
        }, () -> new ChunkTranslator(provider.chatStream(request.model()), new AnthropicEncoder(request.model())));
    }

    private ChatRoute.ClientAnswer openAiAnswer(byte[] bytes) {
        JsonNode answer = tryParse(bytes);
        TokenUsage usage = answer == null ? null : TokenUsage.ofOpenAi(answer.get("usage"));
        return new ChatRoute.ClientAnswer(bytes, "application/json", usage, usage == null ? generated(answer) : "");
    }

    private ChatRoute.ClientAnswer convertedAnswer(Provider provider, byte[] bytes, String model) {
        JsonNode answer = tryParse(bytes);
        if (answer == null) {
            return new ChatRoute.ClientAnswer(null, "application/json", null, "");
        }
        ObjectNode converted = provider.chatAnswer(answer, model);
        TokenUsage usage = TokenUsage.ofOpenAi(converted.get("usage"));
        return new ChatRoute.ClientAnswer(bytes(converted), "application/json", usage, generated(converted));
    }

    /**
     * The body one attempt sends: a shallow copy of the request's (its top-level fields, not the messages), so the
     * model, {@code stream_options} and {@code param_override} of one attempt never reach the client's request or the
     * next attempt, without copying a large prompt per request.
     */
    static ObjectNode forAttempt(ObjectNode body, Channel channel) {
        ObjectNode copy = body.objectNode();
        copy.setAll(body);
        return copy;
    }

    static String generated(JsonNode openAiAnswer) {
        StringBuilder text = new StringBuilder();
        if (openAiAnswer != null) {
            for (JsonNode choice : openAiAnswer.path("choices")) {
                OpenAiPassthrough.appendGenerated(choice.path("message"), text);
            }
        }
        return text.toString();
    }

    /** Veloera's {@code param_override}: each field of the override replaces the body's. */
    static ObjectNode override(ObjectNode body, Map<String, Object> paramOverride) {
        if (paramOverride.isEmpty()) {
            return body;
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Map.Entry<String, Object> field : new LinkedHashMap<>(paramOverride).entrySet()) {
            body.set(field.getKey(), mapper.valueToTree(field.getValue()));
        }
        return body;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private JsonNode tryParse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
