package dev.veloera.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A tiny OpenAI-compatible model the project owns: {@code POST /v1/chat/completions} (plain and
 * SSE streaming, with {@code usage}) and {@code GET /v1/models}. It answers deterministically, so
 * the demo works without any provider key and tests can predict the bill. A prompt containing
 * {@code [fail]} gets an upstream error, to exercise the no-charge path.
 */
final class DemoUpstream implements AutoCloseable {

    static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4o", "demo-model");

    private static final Logger log = LoggerFactory.getLogger(DemoUpstream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private HttpServer server;

    DemoUpstream(int port) {
        this.port = port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.createContext("/v1/models", this::models);
        server.start();
        log.info("Demo upstream listening on {}", baseUrl());
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        MODELS.forEach(m -> data.addObject().put("id", m).put("object", "model").put("owned_by", "veloera-demo"));
        send(exchange, 200, body);
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String model = request.path("model").asText("demo-model");
            String prompt = lastUserMessage(request.path("messages"));
            if (prompt.contains("[fail]")) {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", "demo upstream failure requested").put("type", "server_error");
                send(exchange, 500, error);
                return;
            }
            List<String> words = reply(prompt);
            int promptTokens = promptTokens(request.path("messages"));
            int completionTokens = words.size();
            String id = "chatcmpl-" + UUID.randomUUID();
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, request, id, model, words, promptTokens, completionTokens);
            } else {
                ObjectNode body = JSON.createObjectNode()
                        .put("id", id).put("object", "chat.completion")
                        .put("created", System.currentTimeMillis() / 1000).put("model", model);
                ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", String.join("", words));
                usage(body, promptTokens, completionTokens);
                send(exchange, 200, body);
            }
        }
    }

    private void stream(HttpExchange exchange, JsonNode request, String id, String model, List<String> words,
                        int promptTokens, int completionTokens) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < words.size(); i++) {
            ObjectNode chunk = chunk(id, model);
            ObjectNode delta = ((ObjectNode) chunk.withArray("choices").get(0)).putObject("delta");
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", words.get(i));
            event(out, chunk);
            pause();
        }
        ObjectNode last = chunk(id, model);
        ((ObjectNode) last.withArray("choices").get(0)).put("finish_reason", "stop").putObject("delta");
        event(out, last);
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageChunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", System.currentTimeMillis() / 1000).put("model", model);
            usageChunk.putArray("choices");
            usage(usageChunk, promptTokens, completionTokens);
            event(out, usageChunk);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String id, String model) {
        ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
        chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason");
        return chunk;
    }

    private static void usage(ObjectNode body, int promptTokens, int completionTokens) {
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastUserMessage(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").isTextual() ? message.path("content").asText() : message.path("content").toString();
            }
        }
        return last;
    }

    /** One token per word of the reply: the words are the stream's chunks. */
    static List<String> reply(String prompt) {
        String echoed = prompt.length() > 80 ? prompt.substring(0, 80) : prompt;
        String text = "Hello from the Veloera demo upstream. You said: " + echoed;
        return List.of(text.split("(?<= )"));
    }

    /** Roughly four characters a token, plus a few for each message's framing, like the real models. */
    static int promptTokens(JsonNode messages) {
        int tokens = 3;
        for (JsonNode message : messages) {
            tokens += 4 + (message.path("content").asText("").length() + 3) / 4;
        }
        return tokens;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
