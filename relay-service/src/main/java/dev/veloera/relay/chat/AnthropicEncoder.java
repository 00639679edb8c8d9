package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * OpenAI chunks as Anthropic's stream: {@code message_start}, then per content block {@code content_block_start},
 * its deltas ({@code text_delta}, {@code input_json_delta}) and {@code content_block_stop}, then
 * {@code message_delta} with the stop reason and usage, and {@code message_stop} (held until the usage is recorded).
 */
final class AnthropicEncoder implements ChunkEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private boolean started;
    private int index = -1;
    private String open; // "text", "tool_use" or null
    private String stopReason = "end_turn";

    AnthropicEncoder(String model) {
        this.model = model;
    }

    @Override
    public String encode(ObjectNode chunk) {
        StringBuilder out = new StringBuilder();
        if (!started) {
            started = true;
            ObjectNode message = JSON.createObjectNode();
            message.put("id", "msg_" + chunk.path("id").asText("relay").replace("chatcmpl-", ""))
                    .put("type", "message").put("role", "assistant").put("model", model);
            message.putArray("content");
            message.putNull("stop_reason");
            message.putNull("stop_sequence");
            message.set("usage", new TokenUsage(0, 0, 0, 0).toClaude());
            ObjectNode start = JSON.createObjectNode().put("type", "message_start");
            start.set("message", message);
            event(out, "message_start", start);
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            String text = delta.path("content").asText("");
            if (!text.isEmpty()) {
                if (!"text".equals(open)) {
                    startBlock(out, JSON.createObjectNode().put("type", "text").put("text", ""));
                    open = "text";
                }
                ObjectNode event = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
                event.putObject("delta").put("type", "text_delta").put("text", text);
                event(out, "content_block_delta", event);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                if (call.hasNonNull("id")) {
                    ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", call.path("id").asText())
                            .put("name", call.at("/function/name").asText());
                    block.putObject("input");
                    startBlock(out, block);
                    open = "tool_use";
                }
                String arguments = call.at("/function/arguments").asText("");
                if (!arguments.isEmpty() && "tool_use".equals(open)) {
                    ObjectNode event = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
                    event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
                    event(out, "content_block_delta", event);
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = AnthropicRequests.stopReason(choice.get("finish_reason").asText());
            }
        }
        return out.toString();
    }

    @Override
    public String finish(TokenUsage usage) {
        StringBuilder out = new StringBuilder();
        closeBlock(out);
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.set("usage", (usage == null ? new TokenUsage(0, 0, 0, 0) : usage).toClaude());
        event(out, "message_delta", delta);
        event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        return out.toString();
    }

    private void startBlock(StringBuilder out, ObjectNode block) {
        closeBlock(out);
        index++;
        ObjectNode start = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        start.set("content_block", block);
        event(out, "content_block_start", start);
    }

    private void closeBlock(StringBuilder out) {
        if (open != null) {
            event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
            open = null;
        }
    }

    private static void event(StringBuilder out, String name, ObjectNode data) {
        out.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    }
}
