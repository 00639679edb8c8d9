package dev.veloera.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream speaking OpenAI's chat completions, owned by a test: it answers as told ({@link #answer}) with a fixed
 * usage, and counts the relay's requests (those carrying {@link #RELAY_MARKER}) apart from the channel tests'.
 */
final class OpenAiMockUpstream implements AutoCloseable {

    /** In every relayed request's message, so the periodic channel test's calls are not counted as the relay's. */
    static final String RELAY_MARKER = "hello from ChannelHealthIT";
    static final int PROMPT_TOKENS = 1200;
    static final int COMPLETION_TOKENS = 300;

    /** What the upstream answers: a completion, a rate limit, or OpenAI's answer to a revoked key. */
    enum Answer { OK, RATE_LIMITED, KEY_REVOKED }

    private final HttpServer server;
    private final String name;
    private volatile Answer answer = Answer.OK;
    private final AtomicInteger relayCalls = new AtomicInteger();
    private final AtomicInteger testCalls = new AtomicInteger();

    OpenAiMockUpstream(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    int relayCalls() {
        return relayCalls.get();
    }

    int testCalls() {
        return testCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        (body.contains(RELAY_MARKER) ? relayCalls : testCalls).incrementAndGet();
        Answer now = answer;
        String json = switch (now) {
            case OK -> """
                    {"id":"chatcmpl-%s","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"hi from %s"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                    .formatted(name, name, PROMPT_TOKENS, COMPLETION_TOKENS, PROMPT_TOKENS + COMPLETION_TOKENS);
            case RATE_LIMITED -> """
                    {"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3.",
                     "type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
            case KEY_REVOKED -> """
                    {"error":{"message":"Incorrect API key provided: sk-revo****oked. You can find your API key at https://platform.openai.com/account/api-keys.",
                     "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";
        };
        int status = switch (now) {
            case OK -> 200;
            case RATE_LIMITED -> 429;
            case KEY_REVOKED -> 401;
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
