package dev.veloera.relay.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Google Gemini (type 24): OpenAI chat requests as {@code <base>/<version>/models/<model>:generateContent} (streams:
 * {@code :streamGenerateContent?alt=sse}), the key in {@code x-goog-api-key}, the version the channel's {@code other}
 * ({@code v1beta} by default). Messages become {@code contents} (assistant → {@code model}), system messages the
 * {@code systemInstruction}, images {@code inlineData}, tools {@code functionDeclarations}, tool calls and results
 * {@code functionCall} and {@code functionResponse}. Answers come back in OpenAI's format with the
 * {@code usageMetadata} (thinking tokens count as completion tokens). Gemini has no other OpenAI endpoint here.
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
        String version = channel.other().isBlank() ? "v1beta" : channel.other();
        String model = openAi.path("model").asText();
        URI uri = URI.create(channel.baseUrlOr(DEFAULT_BASE_URL) + "/" + version + "/models/" + model
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
        return new Target(uri, Map.of("x-goog-api-key", key), request(openAi));
    }

    static ObjectNode request(ObjectNode openAi) {
        ObjectNode gemini = JSON.createObjectNode();
        ArrayNode contents = gemini.putArray("contents");
        StringBuilder system = new StringBuilder();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                system.append(system.isEmpty() ? "" : "\n").append(ClaudeRequests.text(message.get("content")));
                continue;
            }
            ObjectNode content = JSON.createObjectNode();
            ArrayNode parts = content.putArray("parts");
            if (role.equals("tool")) {
                content.put("role", "user");
                ObjectNode response = parts.addObject().putObject("functionResponse")
                        .put("name", toolNames.getOrDefault(message.path("tool_call_id").asText(), "function"));
                response.putObject("response").put("content", ClaudeRequests.text(message.get("content")));
            } else {
                content.put("role", role.equals("assistant") ? "model" : "user");
                JsonNode body = message.get("content");
                if (body != null && body.isTextual() && !body.asText().isEmpty()) {
                    parts.addObject().put("text", body.asText());
                } else if (body != null && body.isArray()) {
                    for (JsonNode part : body) {
                        if ("text".equals(part.path("type").asText())) {
                            parts.addObject().put("text", part.path("text").asText());
                        } else if ("image_url".equals(part.path("type").asText())) {
                            ObjectNode source = (ObjectNode) ClaudeRequests.image(
                                    part.path("image_url").path("url").asText()).get("source");
                            if ("base64".equals(source.path("type").asText())) {
                                parts.addObject().putObject("inlineData").put("mimeType", source.path("media_type").asText())
                                        .put("data", source.path("data").asText());
                            } else {
                                parts.addObject().putObject("fileData").put("fileUri", source.path("url").asText());
                            }
                        }
                    }
                }
                for (JsonNode call : message.path("tool_calls")) {
                    toolNames.put(call.path("id").asText(), call.at("/function/name").asText());
                    ObjectNode functionCall = parts.addObject().putObject("functionCall")
                            .put("name", call.at("/function/name").asText());
                    functionCall.set("args", JsonObjects.object(call.at("/function/arguments").asText("{}")));
                }
            }
            if (!parts.isEmpty()) {
                contents.add(content);
            }
        }
        if (!system.isEmpty()) {
            gemini.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        ObjectNode config = gemini.putObject("generationConfig");
        copy(openAi, "temperature", config, "temperature");
        copy(openAi, "top_p", config, "topP");
        copy(openAi, openAi.has("max_tokens") ? "max_tokens" : "max_completion_tokens", config, "maxOutputTokens");
        JsonNode stop = openAi.get("stop");
        if (stop != null && stop.isTextual()) {
            config.putArray("stopSequences").add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            config.set("stopSequences", stop);
        }
        JsonNode tools = openAi.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode declarations = gemini.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode tool : tools) {
                JsonNode function = tool.path("function");
                ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    declaration.put("description", function.get("description").asText());
                }
                if (function.hasNonNull("parameters")) {
                    declaration.set("parameters", function.get("parameters"));
                }
            }
        }
        return gemini;
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

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.hasNonNull(name)) {
            to.set(as, from.get(name));
        }
    }

    /** A JSON object from text, or an empty one. */
    static final class JsonObjects {
        static JsonNode object(String text) {
            try {
                JsonNode parsed = JSON.readTree(text);
                return parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
            } catch (Exception e) {
                return JSON.createObjectNode();
            }
        }
    }
}
