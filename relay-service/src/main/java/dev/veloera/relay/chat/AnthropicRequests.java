package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * Anthropic Messages requests in OpenAI's chat format (for {@code /v1/messages} on channels that are not Claude's,
 * and to count the prompt), and OpenAI answers back as Anthropic messages.
 */
final class AnthropicRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicRequests() {
    }

    static ObjectNode toOpenAi(ObjectNode messagesRequest) {
        ObjectNode openAi = JSON.createObjectNode();
        openAi.put("model", messagesRequest.path("model").asText());
        ArrayNode messages = openAi.putArray("messages");
        JsonNode system = messagesRequest.get("system");
        if (system != null && !system.isNull()) {
            messages.addObject().put("role", "system").put("content", text(system));
        }
        for (JsonNode message : messagesRequest.path("messages")) {
            String role = message.path("role").asText("user");
            JsonNode content = message.get("content");
            if (content == null || content.isTextual()) {
                messages.addObject().put("role", role).put("content", content == null ? "" : content.asText());
                continue;
            }
            ArrayNode parts = JSON.createArrayNode();
            ArrayNode calls = JSON.createArrayNode();
            for (JsonNode block : content) {
                switch (block.path("type").asText()) {
                    case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText());
                    case "image" -> {
                        JsonNode source = block.path("source");
                        String url = "url".equals(source.path("type").asText()) ? source.path("url").asText()
                                : "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
                        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                    }
                    case "tool_use" -> {
                        ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                        call.putObject("function").put("name", block.path("name").asText())
                                .put("arguments", block.path("input").toString());
                    }
                    case "tool_result" -> messages.addObject().put("role", "tool")
                            .put("tool_call_id", block.path("tool_use_id").asText())
                            .put("content", text(block.get("content")));
                    default -> {
                    }
                }
            }
            if (parts.isEmpty() && calls.isEmpty()) {
                continue;
            }
            ObjectNode converted = messages.addObject().put("role", role);
            if ("assistant".equals(role)) {
                converted.put("content", text(parts));
            } else {
                converted.set("content", parts);
            }
            if (!calls.isEmpty()) {
                converted.set("tool_calls", calls);
            }
        }
        copy(messagesRequest, openAi, "max_tokens", "max_tokens");
        copy(messagesRequest, openAi, "temperature", "temperature");
        copy(messagesRequest, openAi, "top_p", "top_p");
        copy(messagesRequest, openAi, "stop_sequences", "stop");
        copy(messagesRequest, openAi, "stream", "stream");
        JsonNode tools = messagesRequest.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode out = openAi.putArray("tools");
            for (JsonNode tool : tools) {
                ObjectNode function = out.addObject().put("type", "function").putObject("function");
                function.put("name", tool.path("name").asText());
                if (tool.hasNonNull("description")) {
                    function.put("description", tool.get("description").asText());
                }
                function.set("parameters", tool.path("input_schema"));
            }
            JsonNode choice = messagesRequest.get("tool_choice");
            if (choice != null && choice.isObject()) {
                switch (choice.path("type").asText()) {
                    case "any" -> openAi.put("tool_choice", "required");
                    case "none" -> openAi.put("tool_choice", "none");
                    case "tool" -> openAi.putObject("tool_choice").put("type", "function").putObject("function")
                            .put("name", choice.path("name").asText());
                    default -> openAi.put("tool_choice", "auto");
                }
            }
        }
        return openAi;
    }

    /** An OpenAI {@code chat.completion} as an Anthropic {@code message}. */
    static ObjectNode toAnthropic(JsonNode openAi, String model, TokenUsage usage) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_" + openAi.path("id").asText("relay").replace("chatcmpl-", ""));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        JsonNode choice = openAi.path("choices").path(0);
        JsonNode reply = choice.path("message");
        String text = reply.path("content").asText("");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : reply.path("tool_calls")) {
            ObjectNode use = content.addObject().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.at("/function/name").asText());
            use.set("input", parse(call.at("/function/arguments").asText("{}")));
        }
        message.put("stop_reason", stopReason(choice.path("finish_reason").asText("stop")));
        message.putNull("stop_sequence");
        message.set("usage", (usage == null ? new TokenUsage(0, 0, 0, 0) : usage).toClaude());
        return message;
    }

    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            default -> "end_turn";
        };
    }

    static JsonNode parse(String json) {
        try {
            JsonNode parsed = JSON.readTree(json);
            return parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            text.append(block.path("text").asText(""));
        }
        return text.toString();
    }

    private static void copy(JsonNode from, ObjectNode to, String name, String as) {
        if (from.hasNonNull(name)) {
            to.set(as, from.get(name));
        }
    }
}
