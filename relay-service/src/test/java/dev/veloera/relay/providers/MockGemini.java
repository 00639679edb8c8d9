package dev.veloera.relay.providers;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Gemini's {@code generateContent} and {@code streamGenerateContent?alt=sse} as the mock answers them: 13 prompt
 * tokens, 6 candidate tokens and 2 thinking tokens; a {@code functionCall} when tools are offered.
 */
public final class MockGemini {

    public static final String USAGE = "{\"promptTokenCount\":13,\"candidatesTokenCount\":6,\"thoughtsTokenCount\":2,"
            + "\"totalTokenCount\":21}";

    private MockGemini() {
    }

    static void handle(MockProviders mock, HttpExchange exchange) throws IOException {
        if (mock.recordAndFail(exchange, exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            return;
        }
        JsonNode body = mock.lastCall().body();
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith(":generateContent")) {
            String parts = tools ? "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}"
                    : "{\"text\":\"Hello from Gemini.\"}";
            MockProviders.respond(exchange, 200, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts
                    + "]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":" + USAGE + ",\"responseId\":\"r1\"}");
            return;
        }
        try (OutputStream out = MockProviders.startStream(exchange)) {
            MockProviders.event(out, null, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                    + "\"Hello from \"}]},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":13,\"totalTokenCount\":13}}");
            MockProviders.event(out, null, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                    + "\"Gemini.\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":" + USAGE + "}");
        }
    }
}
