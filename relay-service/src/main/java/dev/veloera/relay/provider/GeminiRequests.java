package dev.veloera.relay.provider;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat requests as Gemini {@code generateContent} requests: messages into {@code contents} (assistant →
 * {@code model}), system messages into {@code systemInstruction}, images into {@code inlineData} (URLs into
 * {@code fileData}), tools into {@code functionDeclarations}, tool calls and results into {@code functionCall} and
 * {@code functionResponse} (named after the call they answer), sampling into {@code generationConfig}.
 */
final class GeminiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiRequests() {
    }

    static ObjectNode fromOpenAi(ObjectNode openAi) {
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
