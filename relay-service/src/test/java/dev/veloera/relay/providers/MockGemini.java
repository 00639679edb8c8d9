package dev.veloera.relay.providers;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Gemini's {@code generateContent} and {@code streamGenerateContent?alt=sse} as the mock answers them: 13 prompt
 * tokens, 6 candidate tokens and 2 thinking tokens; a {@code functionCall} when tools are offered. Embeddings as
 * Google answers them, without usage: {@code :embedContent} one {@code embedding} of {@link #EMBEDDING},
 * {@code :batchEmbedContents} one per request (its {@code n}-th value n), refused with 400 as Google refuses a request
 * naming another model. Imagen's {@code :predict}: {@code sampleCount} predictions, {@link #IMAGE} each.
 */
public final class MockGemini {

    public static final String USAGE = "{\"promptTokenCount\":13,\"candidatesTokenCount\":6,\"thoughtsTokenCount\":2,"
            + "\"totalTokenCount\":21}";

    public static final String EMBEDDING = "[0.25,-0.5,0.75]";
    public static final String IMAGE = "aW1hZ2Vu";

    private MockGemini() {
    }

    static void handle(MockProviders mock, HttpExchange exchange) throws IOException {
        if (mock.recordAndFail(exchange, exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            return;
        }
        JsonNode body = mock.lastCall().body();
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        String path = exchange.getRequestURI().getPath();
        String model = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf(':'));
        if (path.endsWith(":embedContent")) {
            MockProviders.respond(exchange, 200, "{\"embedding\":{\"values\":" + EMBEDDING + "}}");
            return;
        }
        if (path.endsWith(":batchEmbedContents")) {
            batchEmbed(exchange, body, model);
            return;
        }
        if (path.endsWith(":predict")) {
            StringBuilder predictions = new StringBuilder();
            for (int i = 0; i < body.at("/parameters/sampleCount").asInt(1); i++) {
                predictions.append(i == 0 ? "" : ",").append("{\"mimeType\":\"image/png\",\"bytesBase64Encoded\":\"")
                        .append(IMAGE).append("\"}");
            }
            MockProviders.respond(exchange, 200, "{\"predictions\":[" + predictions + "]}");
            return;
        }
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

    private static void batchEmbed(HttpExchange exchange, JsonNode body, String model) throws IOException {
        StringBuilder embeddings = new StringBuilder();
        int n = 0;
        for (JsonNode request : body.path("requests")) {
            if (!request.path("model").asText().equals("models/" + model)) {
                MockProviders.respond(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"Model name in the"
                        + " request does not match the model in the URL.\",\"status\":\"INVALID_ARGUMENT\"}}");
                return;
            }
            n++;
            embeddings.append(n == 1 ? "" : ",").append("{\"values\":[").append(n).append(",0.5]}");
        }
        MockProviders.respond(exchange, 200, "{\"embeddings\":[" + embeddings + "]}");
    }
}
