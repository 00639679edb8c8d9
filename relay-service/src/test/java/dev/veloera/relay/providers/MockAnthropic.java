package dev.veloera.relay.providers;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Anthropic's Messages API as the mock answers it: 15 input tokens, 3 read from the cache and 2 written to it, 9
 * output tokens; a {@code tool_use} block when tools are offered; a thinking block when thinking is enabled.
 */
public final class MockAnthropic {

    public static final String ANSWER = "Hello from Claude.";
    public static final String USAGE = "{\"input_tokens\":15,\"output_tokens\":9,\"cache_read_input_tokens\":3,"
            + "\"cache_creation_input_tokens\":2}";

    private MockAnthropic() {
    }

    static void handle(MockProviders mock, HttpExchange exchange) throws IOException {
        if (mock.recordAndFail(exchange, exchange.getRequestHeaders().getFirst("x-api-key"))) {
            return;
        }
        JsonNode body = mock.lastCall().body();
        String model = body.path("model").asText();
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        boolean thinking = body.path("thinking").isObject();
        if (!body.path("stream").asBoolean(false)) {
            String content = (thinking ? "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"sig\"}," : "")
                    + (tools ? "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}"
                    : "{\"type\":\"text\",\"text\":\"" + ANSWER + "\"}");
            MockProviders.respond(exchange, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"" + model + "\",\"content\":[" + content + "],\"stop_reason\":\""
                    + (tools ? "tool_use" : "end_turn") + "\",\"stop_sequence\":null,\"usage\":" + USAGE + "}");
            return;
        }
        try (OutputStream out = MockProviders.startStream(exchange)) {
            MockProviders.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":15,\"output_tokens\":1,"
                    + "\"cache_read_input_tokens\":3,\"cache_creation_input_tokens\":2}}}");
            if (tools) {
                MockProviders.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}");
                MockProviders.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Paris\\\"}\"}}");
            } else {
                MockProviders.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
                MockProviders.event(out, "ping", "{\"type\":\"ping\"}");
                MockProviders.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello from \"}}");
                MockProviders.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Claude.\"}}");
            }
            MockProviders.event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            MockProviders.event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                    + (tools ? "tool_use" : "end_turn") + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}");
            MockProviders.event(out, "message_stop", "{\"type\":\"message_stop\"}");
        }
    }
}
