package dev.veloera.relay.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The tests' upstreams, one per provider format, and command-service's internal endpoints the relay calls:
 * <ul>
 *   <li>{@code /openai/v1/...}: OpenAI (chat with and without tools, streamed or not; embeddings; images; audio);</li>
 *   <li>{@code /anthropic/v1/messages}: Anthropic Messages (text, tools, thinking, cache usage; streamed or not);</li>
 *   <li>{@code /gemini/v1beta/models/<model>:generateContent} and {@code :streamGenerateContent};</li>
 *   <li>{@code /azure/openai/deployments/<deployment>/chat/completions?api-version=...};</li>
 *   <li>{@code /command/internal/...}: quota leases (granted) and channel status reports (kept).</li>
 * </ul>
 * The credential decides the behaviour: {@code sk-429} is always rate-limited, {@code sk-revoked} answers 401
 * {@code invalid_api_key}; any other key is served. Public, as the mocks' usage and answers: platform's tests use them
 * as upstreams (relay-service's test-jar).
 */
public final class MockProviders implements AutoCloseable {

    /** What one upstream call brought: path, credential, headers of interest, body. */
    record Call(String path, String query, String credential, Map<String, String> headers, JsonNode body,
                byte[] raw) {
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<JsonNode> statusReports = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> callsByKey = new ConcurrentHashMap<>();

    public MockProviders() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/openai/", this::openAi);
        server.createContext("/azure/", this::openAi);
        server.createContext("/anthropic/", exchange -> MockAnthropic.handle(this, exchange));
        server.createContext("/gemini/", exchange -> MockGemini.handle(this, exchange));
        server.createContext("/command/internal/quota/leases", this::grantLease);
        server.createContext("/command/internal/quota/leases/return", exchange -> respond(exchange, 200,
                "{\"success\":true,\"message\":\"\",\"data\":null}"));
        server.createContext("/query/internal/billing/tokens/", exchange -> {
            String secret = exchange.getRequestHeaders().getFirst("X-Veloera-Internal-Secret");
            if (!"veloera-dev-secret".equals(secret)) {
                respond(exchange, 401, "{\"success\":false,\"message\":\"secret\",\"data\":null}");
                return;
            }
            String tokenId = exchange.getRequestURI().getPath().substring("/query/internal/billing/tokens/".length());
            respond(exchange, 200, "{\"success\":true,\"message\":\"\",\"data\":{\"tokenId\":" + tokenId
                    + ",\"tokenRemainQuota\":1000000,\"tokenUsedQuota\":250000,\"unlimitedQuota\":false,"
                    + "\"expiredTime\":-1,\"userQuota\":5000000,\"userUsedQuota\":500000}}");
        });
        server.createContext("/command/internal/channels/status", exchange -> {
            statusReports.add(json.readTree(exchange.getRequestBody().readAllBytes()));
            respond(exchange, 200, "{\"success\":true,\"message\":\"\",\"data\":null}");
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Records the call; answers the key's failure when it has one and returns true. */
    boolean recordAndFail(HttpExchange exchange, String credential) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body = type != null && type.startsWith("application/json") && raw.length > 0 ? json.readTree(raw) : null;
        Map<String, String> headers = new ConcurrentHashMap<>();
        for (String name : List.of("anthropic-version", "anthropic-beta", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name.toLowerCase(), value);
            }
        }
        calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(), credential,
                headers, body, raw));
        callsByKey.computeIfAbsent(credential, k -> new AtomicInteger()).incrementAndGet();
        if ("sk-429".equals(credential)) {
            respond(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                    + "\"code\":\"rate_limit_exceeded\"}}");
            return true;
        }
        if (credential != null && credential.startsWith("sk-revoked")) {
            respond(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-revo****\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            return true;
        }
        return false;
    }

    Call lastCall() {
        return calls.getLast();
    }

    /** The path of the last upstream call: which provider format, deployment or action served it. */
    public String lastPath() {
        return lastCall().path();
    }

    private void openAi(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String credential = authorization != null ? authorization.replace("Bearer ", "")
                : exchange.getRequestHeaders().getFirst("api-key");
        if (recordAndFail(exchange, credential)) {
            return;
        }
        MockOpenAiUpstream.handle(this, exchange, lastCall());
    }

    private void grantLease(HttpExchange exchange) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        respond(exchange, 200, "{\"success\":true,\"message\":\"\",\"data\":{\"leaseId\":\""
                + request.path("leaseId").asText() + "\",\"amount\":" + request.path("wanted").asLong()
                + ",\"expiresAt\":" + (System.currentTimeMillis() + 120_000) + "}}");
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts an event stream; each {@link #event} is flushed as it is written. */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    static void event(OutputStream out, String name, String data) throws IOException {
        out.write(((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
