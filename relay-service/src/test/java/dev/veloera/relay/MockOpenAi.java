package dev.veloera.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The tests' stand-in for everything around the relay: an OpenAI-compatible upstream
 * ({@code /v1/chat/completions}, behaviour chosen by the upstream model name), command-service's
 * internal lease endpoints and the forwarded {@code /api/**} of both services.
 *
 * <ul>
 *   <li>{@code mock-usage}: answers with {@code usage} 11 prompt / 7 completion tokens; streamed, it
 *   sends the first content chunk, then holds the rest until {@link #clientSawFirstChunk} opens
 *   (at most 5 s) and remembers whether it opened in time.</li>
 *   <li>{@code mock-slow}: like {@code mock-usage} streamed, with 150 ms between the events after the held one.</li>
 *   <li>{@code mock-stall}: streams the first chunks, then stays silent for 3 s.</li>
 *   <li>{@code mock-nousage}: answers without {@code usage}.</li>
 *   <li>{@code mock-fail}: HTTP 500 with an OpenAI error body.</li>
 * </ul>
 */
final class MockOpenAi implements AutoCloseable {

    static final String ANSWER = "Hello there, friend.";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    final List<JsonNode> upstreamBodies = new CopyOnWriteArrayList<>();
    final List<String> upstreamAuthorizations = new CopyOnWriteArrayList<>();
    /** lease id → the relay's lease request. */
    final Map<String, JsonNode> leases = new ConcurrentHashMap<>();
    final List<String> leaseSecrets = new CopyOnWriteArrayList<>();
    final List<JsonNode> returnedLeases = new CopyOnWriteArrayList<>();
    /** user id → refusal code for leases. */
    final Map<Long, String> refusals = new ConcurrentHashMap<>();
    final AtomicReference<Map<String, Object>> lastForwarded = new AtomicReference<>();

    volatile CountDownLatch clientSawFirstChunk = new CountDownLatch(1);
    volatile Boolean heldChunkReleasedByClient;

    MockOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/command/internal/quota/leases", this::grantLease);
        server.createContext("/command/internal/quota/leases/return", this::returnLease);
        server.createContext("/command/api/", exchange -> forwarded("command", exchange));
        server.createContext("/query/api/", exchange -> forwarded("query", exchange));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void chat(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        upstreamBodies.add(body);
        upstreamAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String model = body.path("model").asText();
        boolean stream = body.path("stream").asBoolean(false);
        switch (model) {
            case "mock-usage" -> {
                if (stream) {
                    streamAnswer(exchange, model, true, true, 0);
                } else {
                    respond(exchange, 200, completion(model, true));
                }
            }
            case "mock-slow" -> streamAnswer(exchange, model, true, true, 150);
            case "mock-stall" -> streamAnswer(exchange, model, true, false, 3000);
            case "mock-nousage" -> {
                if (stream) {
                    streamAnswer(exchange, model, false, false, 0);
                } else {
                    respond(exchange, 200, completion(model, false));
                }
            }
            default -> respond(exchange, 500,
                    "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":\"boom\"}}");
        }
    }

    private String completion(String model, boolean withUsage) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + ANSWER + "\"},"
                + "\"finish_reason\":\"stop\"}]"
                + (withUsage ? ",\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}" : "")
                + "}";
    }

    private void streamAnswer(HttpExchange exchange, String model, boolean usage, boolean hold, long gapMillis)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            event(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
            event(out, chunk(model, "{\"content\":\"Hello there,\"}", null));
            if (hold) {
                try {
                    heldChunkReleasedByClient = clientSawFirstChunk.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            pause(gapMillis);
            event(out, chunk(model, "{\"content\":\" friend.\"}", "\"stop\""));
            pause(gapMillis);
            if (usage) {
                event(out, "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                        + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}");
            }
            pause(gapMillis);
            event(out, "[DONE]");
        } catch (IOException e) {
            // the relay went away; nothing to do for a mock
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String model, String delta, String finish) {
        return "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Grants what the relay wants, for two minutes, unless the user is refused. */
    private void grantLease(HttpExchange exchange) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        leaseSecrets.add(exchange.getRequestHeaders().getFirst("X-Veloera-Internal-Secret"));
        leases.put(request.path("leaseId").asText(), request);
        String refusal = refusals.get(request.path("userId").asLong());
        if (refusal != null) {
            respond(exchange, 403, "{\"success\":false,\"message\":\"refused: " + refusal + "\",\"data\":{\"code\":\""
                    + refusal + "\"}}");
            return;
        }
        respond(exchange, 200, "{\"success\":true,\"message\":\"\",\"data\":{\"leaseId\":\""
                + request.path("leaseId").asText() + "\",\"amount\":" + request.path("wanted").asLong()
                + ",\"expiresAt\":" + (System.currentTimeMillis() + 120_000) + "}}");
    }

    private void returnLease(HttpExchange exchange) throws IOException {
        returnedLeases.add(json.readTree(exchange.getRequestBody().readAllBytes()));
        respond(exchange, 200, "{\"success\":true,\"message\":\"\",\"data\":null}");
    }

    private void forwarded(String service, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        lastForwarded.set(Map.of("service", service, "method", exchange.getRequestMethod(),
                "uri", exchange.getRequestURI().toString(),
                "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "body", new String(body, StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().add("X-Served-By", service);
        respond(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200,
                "{\"success\":true,\"message\":\"\",\"data\":{\"service\":\"" + service + "\"}}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
