package dev.veloera.relay.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat requests as Anthropic Messages requests: system and developer messages into {@code system}; user,
 * assistant and tool messages into alternating turns (tool results as user {@code tool_result} blocks, tool calls as
 * assistant {@code tool_use} blocks); images as {@code image} blocks; tools, tool choice, stop sequences, sampling.
 * A model named {@code <model>-thinking} is {@code <model>} with extended thinking at 80% of {@code max_tokens}
 * (Veloera's thinking adapter).
 */
final class ClaudeRequests {

    static final int DEFAULT_MAX_TOKENS = 4096;
    static final String THINKING_SUFFIX = "-thinking";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeRequests() {
    }

    static ObjectNode fromOpenAi(ObjectNode openAi, boolean stream) {
        ObjectNode claude = JSON.createObjectNode();
        String model = openAi.path("model").asText();
        boolean thinking = model.endsWith(THINKING_SUFFIX);
        claude.put("model", thinking ? model.substring(0, model.length() - THINKING_SUFFIX.length()) : model);
        JsonNode maxTokens = openAi.hasNonNull("max_tokens") ? openAi.get("max_tokens") : openAi.get("max_completion_tokens");
        int max = maxTokens != null && maxTokens.canConvertToInt() && maxTokens.asInt() > 0 ? maxTokens.asInt()
                : DEFAULT_MAX_TOKENS;
        claude.put("max_tokens", max);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = claude.putArray("messages");
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n");
                    }
                    system.append(text(message.get("content")));
                }
                case "tool" -> {
                    ObjectNode result = JSON.createObjectNode().put("type", "tool_result")
                            .put("tool_use_id", message.path("tool_call_id").asText())
                            .put("content", text(message.get("content")));
                    append(messages, "user", result);
                }
                case "assistant" -> {
                    ArrayNode blocks = blocks(message.get("content"));
                    for (JsonNode call : message.path("tool_calls")) {
                        ObjectNode use = blocks.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                                .put("name", call.at("/function/name").asText());
                        use.set("input", arguments(call.at("/function/arguments").asText("")));
                    }
                    for (JsonNode block : blocks) {
                        append(messages, "assistant", (ObjectNode) block);
                    }
                }
                default -> {
                    for (JsonNode block : blocks(message.get("content"))) {
                        append(messages, "user", (ObjectNode) block);
                    }
                }
            }
        }
        if (!system.isEmpty()) {
            claude.put("system", system.toString());
        }
        copy(openAi, claude, "temperature", "temperature");
        copy(openAi, claude, "top_p", "top_p");
        copy(openAi, claude, "top_k", "top_k");
        JsonNode stop = openAi.get("stop");
        if (stop != null && stop.isTextual()) {
            claude.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            claude.set("stop_sequences", stop);
        }
        tools(openAi, claude);
        if (thinking) {
            claude.putObject("thinking").put("type", "enabled").put("budget_tokens", Math.max(1024, (int) (max * 0.8)));
            claude.remove("temperature");
            claude.remove("top_p");
            claude.remove("top_k");
        }
        if (stream) {
            claude.put("stream", true);
        }
        return claude;
    }

    private static void tools(ObjectNode openAi, ObjectNode claude) {
        JsonNode tools = openAi.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode out = claude.putArray("tools");
            for (JsonNode tool : tools) {
                JsonNode function = tool.path("function");
                ObjectNode converted = out.addObject().put("name", function.path("name").asText());
                if (function.hasNonNull("description")) {
                    converted.put("description", function.get("description").asText());
                }
                converted.set("input_schema", function.hasNonNull("parameters") ? function.get("parameters")
                        : JSON.createObjectNode().put("type", "object"));
            }
        }
        JsonNode choice = openAi.get("tool_choice");
        if (choice != null && claude.has("tools")) {
            if (choice.isTextual()) {
                switch (choice.asText()) {
                    case "required" -> claude.putObject("tool_choice").put("type", "any");
                    case "none" -> claude.putObject("tool_choice").put("type", "none");
                    default -> claude.putObject("tool_choice").put("type", "auto");
                }
            } else if (choice.isObject()) {
                claude.putObject("tool_choice").put("type", "tool").put("name", choice.at("/function/name").asText());
            }
        }
    }

    /** Adds a block to the last turn when it has the same role (Claude wants turns to alternate). */
    private static void append(ArrayNode messages, String role, ObjectNode block) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).add(block);
        } else {
            ObjectNode turn = messages.addObject().put("role", role);
            turn.putArray("content").add(block);
        }
    }

    private static ArrayNode blocks(JsonNode content) {
        ArrayNode blocks = JSON.createArrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asText());
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText(
                        part.path("image_url").asText())));
                default -> {
                }
            }
        }
        return blocks;
    }

    /** A data URL as a base64 source, any other URL as a URL source. */
    static ObjectNode image(String url) {
        ObjectNode image = JSON.createObjectNode().put("type", "image");
        ObjectNode source = image.putObject("source");
        if (url.startsWith("data:") && url.contains(";base64,")) {
            int comma = url.indexOf(',');
            source.put("type", "base64").put("media_type", url.substring(5, url.indexOf(';')))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("http://") || url.startsWith("https://")) {
            source.put("type", "url").put("url", url);
        } else {
            source.put("type", "base64").put("media_type", "image/png")
                    .put("data", url); // a bare base64 image, as some clients send
        }
        return image;
    }

    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static JsonNode arguments(String json) {
        try {
            JsonNode parsed = json.isBlank() ? null : JSON.readTree(json);
            return parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String name, String as) {
        if (from.hasNonNull(name)) {
            to.set(as, from.get(name));
        }
    }
}
