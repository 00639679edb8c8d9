package dev.veloera.relay.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.channel.Channel;
import dev.veloera.relay.pricing.TokenUsage;
import dev.veloera.relay.upstream.UpstreamRequest;

/**
 * Google Gemini (type 24): OpenAI chat requests ({@link GeminiRequests}) as {@code <base>/<version>/models/<model>:generateContent} (streams:
 * {@code :streamGenerateContent?alt=sse}), the key in {@code x-goog-api-key}, the version the channel's {@code other}
 * ({@code v1beta} by default). Messages become {@code contents} (assistant → {@code model}), system messages the
 * {@code systemInstruction}, images {@code inlineData}, tools {@code functionDeclarations}, tool calls and results
 * {@code functionCall} and {@code functionResponse}. Answers come back in OpenAI's format with the
 * {@code usageMetadata} (thinking tokens count as completion tokens). Embeddings and images: {@link GeminiEndpoints};
 * Gemini has no other OpenAI endpoint.
 */
class GeminiProvider implements Provider {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean speaksOpenAi() {
        return false;
    }

    @Override
    public Target chat(Channel channel, String key, ObjectNode openAi, boolean stream) {
        URI uri = uri(channel, openAi.path("model").asText(),
                stream ? "streamGenerateContent?alt=sse" : "generateContent");
        return new Target(uri, Map.of("x-goog-api-key", key), GeminiRequests.fromOpenAi(openAi));
    }

    /** {@code <base>/<version>/models/<model>:<action>}, the version the channel's {@code other} or v1beta. */
    static URI uri(Channel channel, String model, String action) {
        String version = channel.other().isBlank() ? "v1beta" : channel.other();
        return URI.create(channel.baseUrlOr(DEFAULT_BASE_URL) + "/" + version + "/models/" + model + ":" + action);
    }

    /** Embeddings and images ({@link GeminiEndpoints}). */
    @Override
    public ConvertedEndpoint convertEndpoint(Channel channel, String key, String path, ObjectNode openAiBody) {
        return GeminiEndpoints.convert(channel, key, path, openAiBody);
    }

    @Override
    public ObjectNode chatAnswer(JsonNode answer, String model) {
        ObjectNode openAi = JSON.createObjectNode();
        openAi.put("id", "chatcmpl-" + answer.path("responseId").asText("gemini"));
        openAi.put("object", "chat.completion");
        openAi.put("created", System.currentTimeMillis() / 1000);
        openAi.put("model", model);
        ArrayNode choices = openAi.putArray("choices");
        int index = 0;
        for (JsonNode candidate : answer.path("candidates")) {
            ObjectNode choice = choices.addObject().put("index", index++);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            StringBuilder text = new StringBuilder();
            ArrayNode calls = JSON.createArrayNode();
            parts(candidate, text, calls, 0);
            message.put("content", text.toString());
            if (!calls.isEmpty()) {
                message.set("tool_calls", calls);
            }
            choice.put("finish_reason", calls.isEmpty() ? finishReason(candidate.path("finishReason").asText())
                    : "tool_calls");
        }
        TokenUsage usage = usage(answer.get("usageMetadata"));
        if (usage != null) {
            openAi.set("usage", usage.toOpenAi());
        }
        return openAi;
    }

    private static void parts(JsonNode candidate, StringBuilder text, ArrayNode calls, int firstIndex) {
        int callIndex = firstIndex;
        for (JsonNode part : candidate.at("/content/parts")) {
            if (part.has("text") && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            } else if (part.has("functionCall")) {
                ObjectNode call = calls.addObject().put("index", callIndex++)
                        .put("id", "call_" + part.at("/functionCall/name").asText() + "_" + callIndex)
                        .put("type", "function");
                call.putObject("function").put("name", part.at("/functionCall/name").asText())
                        .put("arguments", part.at("/functionCall/args").toString());
            }
        }
    }

    static String finishReason(String reason) {
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT" -> "content_filter";
            default -> "stop";
        };
    }

    static TokenUsage usage(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return null;
        }
        return new TokenUsage(metadata.path("promptTokenCount").asInt(0),
                metadata.path("candidatesTokenCount").asInt(0) + metadata.path("thoughtsTokenCount").asInt(0),
                metadata.path("cachedContentTokenCount").asInt(0), 0);
    }

    @Override
    public ChunkDecoder chatStream(String model) {
        return new ChunkDecoder() {
            private TokenUsage usage;
            private int calls;

            @Override
            public List<ObjectNode> decode(String line) {
                if (!line.startsWith("data:")) {
                    return List.of();
                }
                JsonNode event;
                try {
                    event = JSON.readTree(line.substring(5).trim());
                } catch (Exception e) {
                    return List.of();
                }
                TokenUsage reported = GeminiProvider.usage(event.get("usageMetadata"));
                if (reported != null) {
                    usage = reported;
                }
                List<ObjectNode> chunks = new ArrayList<>(1);
                for (JsonNode candidate : event.path("candidates")) {
                    StringBuilder text = new StringBuilder();
                    ArrayNode toolCalls = JSON.createArrayNode();
                    parts(candidate, text, toolCalls, calls);
                    calls += toolCalls.size();
                    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-gemini")
                            .put("object", "chat.completion.chunk").put("created", System.currentTimeMillis() / 1000)
                            .put("model", model);
                    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                    ObjectNode delta = choice.putObject("delta");
                    if (!text.isEmpty()) {
                        delta.put("content", text.toString());
                    }
                    if (!toolCalls.isEmpty()) {
                        delta.set("tool_calls", toolCalls);
                    }
                    String reason = candidate.path("finishReason").asText("");
                    if (reason.isEmpty()) {
                        choice.putNull("finish_reason");
                    } else {
                        choice.put("finish_reason", calls > 0 ? "tool_calls" : finishReason(reason));
                    }
                    chunks.add(chunk);
                }
                return chunks;
            }

            @Override
            public TokenUsage usage() {
                return usage;
            }
        };
    }

    @Override
    public UpstreamRequest endpoint(Channel channel, String key, String path, String model, byte[] body,
                                    String contentType) {
        return null;
    }
}
