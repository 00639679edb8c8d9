package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.provider.Provider;
import dev.veloera.relay.provider.Providers;
import dev.veloera.relay.provider.UnsupportedRequestException;
import dev.veloera.relay.upstream.UpstreamHttp;
import dev.veloera.relay.upstream.UpstreamRequest;
import org.springframework.stereotype.Component;

/**
 * The way of an OpenAI endpoint other than chat (embeddings, images, audio, completions, responses, rerank,
 * moderations) to a channel: the client's body with the model mapped and {@code param_override} applied (a multipart
 * body unchanged), to the same path on the channel (Azure: its deployment URL); the answer back unchanged, with the
 * usage it reports. A provider that does not speak OpenAI converts the request and its answer, as chat does
 * ({@link Provider#convertEndpoint}); {@code param_override} then applies to the body it sends. A channel type without
 * the endpoint has no route (null).
 */
@Component
class EndpointRoutes {

    private final Providers providers;
    private final TokenCounter tokens;
    private final ObjectMapper json;

    EndpointRoutes(Providers providers, TokenCounter tokens, ObjectMapper json) {
        this.providers = providers;
        this.tokens = tokens;
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
            Provider.ConvertedEndpoint converted = provider.speaksOpenAi() ? null
                    : provider.convertEndpoint(channel, key, path, tree);
            if (converted != null) {
                return convertedRoute(path, request, channel, converted);
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

    private ChatRoute convertedRoute(String path, ChatRequest request, Channel channel,
                                     Provider.ConvertedEndpoint converted) {
        if (request.stream()) {
            throw new UnsupportedRequestException("Channel " + channel.id() + " cannot stream " + path + ".");
        }
        Provider.Target target = converted.target();
        UpstreamRequest upstream = UpstreamRequest.postJson(target.uri(), target.headers(),
                bytes(ChatRoutes.override(target.body(), channel.paramOverride())));
        // never streamed (refused above): no stream translator
        return new ChatRoute(upstream, answer -> convertedAnswer(path, request, converted, answer), null);
    }

    /**
     * The provider's answer in OpenAI's format. An embeddings answer without usage (Gemini reports none) gets the
     * prompt tokens counted here, as Veloera reports them: OpenAI's SDKs expect it, and it is what the rule bills.
     */
    private ChatRoute.ClientAnswer convertedAnswer(String path, ChatRequest request,
                                                   Provider.ConvertedEndpoint converted, UpstreamHttp.Answer answer) {
        JsonNode parsed;
        try {
            parsed = json.readTree(answer.body());
        } catch (Exception e) {
            parsed = null;
        }
        ObjectNode openAi = parsed == null ? null : converted.answer().apply(parsed);
        if (openAi == null) {
            return new ChatRoute.ClientAnswer(null, "application/json", null, "");
        }
        TokenUsage usage = TokenUsage.ofOpenAi(openAi.get("usage"));
        if (usage == null && path.equals("/v1/embeddings")) {
            int prompt = PriceRule.PROMPT_ONLY.promptEstimate(tokens, request);
            openAi.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", 0)
                    .put("total_tokens", prompt);
        }
        return new ChatRoute.ClientAnswer(bytes(openAi), "application/json", usage, "");
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
