package dev.veloera.relay.provider;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * Anthropic Messages answers as OpenAI's: text blocks into {@code content}, thinking into {@code reasoning_content},
 * {@code tool_use} blocks into {@code tool_calls}, stop reasons mapped, usage with the cache reads and writes.
 */
final class ClaudeAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeAnswers() {
    }

    static ObjectNode toOpenAi(JsonNode claude, String model) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", claude.path("id").asText("chatcmpl-relay"));
        answer.put("object", "chat.completion");
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.put("model", model);
        ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = JSON.createArrayNode();
        for (JsonNode block : claude.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> thinking.append(block.path("thinking").asText());
                case "tool_use" -> {
                    ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.path("input").toString());
                }
                default -> {
                }
            }
        }
        message.put("content", text.toString());
        if (!thinking.isEmpty()) {
            message.put("reasoning_content", thinking.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(claude.path("stop_reason").asText("end_turn")));
        answer.set("usage", usage(claude.path("usage")).toOpenAi());
        return answer;
    }

    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    static TokenUsage usage(JsonNode usage) {
        return TokenUsage.ofClaude(usage.path("input_tokens").asInt(0), usage.path("output_tokens").asInt(0),
                usage.path("cache_read_input_tokens").asInt(0), usage.path("cache_creation_input_tokens").asInt(0));
    }

    /** Claude's event stream as OpenAI chunks. */
    static final class Decoder implements ChunkDecoder {
        private final String model;
        private String id = "chatcmpl-relay";
        private int input;
        private int output;
        private int cacheRead;
        private int cacheCreation;
        private boolean started;
        private int toolIndex = -1;
        private boolean inTool;

        Decoder(String model) {
            this.model = model;
        }

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
            List<ObjectNode> chunks = new ArrayList<>(1);
            switch (event.path("type").asText()) {
                case "message_start" -> {
                    JsonNode message = event.path("message");
                    id = message.path("id").asText(id);
                    JsonNode usage = message.path("usage");
                    input = usage.path("input_tokens").asInt(0);
                    output = usage.path("output_tokens").asInt(0);
                    cacheRead = usage.path("cache_read_input_tokens").asInt(0);
                    cacheCreation = usage.path("cache_creation_input_tokens").asInt(0);
                    started = true;
                    ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
                    chunks.add(chunk(delta, null));
                }
                case "content_block_start" -> {
                    JsonNode block = event.path("content_block");
                    inTool = "tool_use".equals(block.path("type").asText());
                    if (inTool) {
                        toolIndex++;
                        ObjectNode delta = JSON.createObjectNode();
                        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", toolIndex)
                                .put("id", block.path("id").asText()).put("type", "function");
                        call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                        chunks.add(chunk(delta, null));
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> chunks.add(chunk(JSON.createObjectNode()
                                .put("content", delta.path("text").asText()), null));
                        case "thinking_delta" -> chunks.add(chunk(JSON.createObjectNode()
                                .put("reasoning_content", delta.path("thinking").asText()), null));
                        case "input_json_delta" -> {
                            ObjectNode out = JSON.createObjectNode();
                            out.putArray("tool_calls").addObject().put("index", Math.max(toolIndex, 0))
                                    .putObject("function").put("arguments", delta.path("partial_json").asText());
                            chunks.add(chunk(out, null));
                        }
                        default -> {
                        }
                    }
                }
                case "message_delta" -> {
                    JsonNode usage = event.path("usage");
                    if (usage.has("output_tokens")) {
                        output = usage.path("output_tokens").asInt(output);
                    }
                    if (usage.has("input_tokens") && usage.path("input_tokens").asInt(0) > 0) {
                        input = usage.path("input_tokens").asInt(input);
                    }
                    String stop = event.at("/delta/stop_reason").asText("");
                    if (!stop.isEmpty()) {
                        chunks.add(chunk(JSON.createObjectNode(), finishReason(stop)));
                    }
                }
                default -> {
                }
            }
            return chunks;
        }

        @Override
        public TokenUsage usage() {
            return started ? TokenUsage.ofClaude(input, output, cacheRead, cacheCreation) : null;
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason) {
            ObjectNode chunk = JSON.createObjectNode();
            chunk.put("id", id).put("object", "chat.completion.chunk").put("created", System.currentTimeMillis() / 1000)
                    .put("model", model);
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            return chunk;
        }
    }
}
