package dev.veloera.command.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelTypes;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real calls to a channel's upstream, as Veloera's channel test, balance and model listing make them: a one-token
 * chat completion (or Claude message), OpenAI's billing dashboard, {@code /v1/models}.
 */
@Component
class ChannelUpstream {

    static final String OPENAI_BASE = "https://api.openai.com";
    static final String ANTHROPIC_BASE = "https://api.anthropic.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A test's outcome; {@code upstreamStatus} 0 when no answer came. */
    record TestResult(boolean passed, long responseTimeMs, int upstreamStatus, String message) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    TestResult test(ChannelRow channel, String model) {
        boolean claude = channel.type() == ChannelTypes.ANTHROPIC_CLAUDE;
        String base = base(channel.baseUrl(), claude ? ANTHROPIC_BASE : OPENAI_BASE);
        HttpRequest.Builder request;
        Map<String, Object> body;
        if (claude) {
            body = Map.of("model", channel.testModel(model), "max_tokens", 1,
                    "messages", List.of(Map.of("role", "user", "content", "hi")));
            request = HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                    .header("x-api-key", channel.firstKey()).header("anthropic-version", "2023-06-01");
        } else {
            body = Map.of("model", channel.testModel(model), "max_tokens", 1,
                    "messages", List.of(Map.of("role", "user", "content", "hi")));
            request = HttpRequest.newBuilder(URI.create(chatUrl(base)))
                    .header("Authorization", "Bearer " + channel.firstKey());
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() / 100 == 2) {
                return new TestResult(true, took, response.statusCode(), "");
            }
            return new TestResult(false, took, response.statusCode(), errorMessage(response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult(false, 0, 0, "interrupted");
        } catch (Exception e) {
            return new TestResult(false, (System.nanoTime() - started) / 1_000_000, 0, e.toString());
        }
    }

    /** The ids the upstream's {@code /v1/models} lists. */
    List<String> models(int type, String baseUrl, String key) throws Exception {
        String base = base(baseUrl, type == ChannelTypes.ANTHROPIC_CLAUDE ? ANTHROPIC_BASE : OPENAI_BASE);
        String url = base.endsWith("/chat/completions")
                ? base.substring(0, base.length() - "/chat/completions".length()) + "/models" : base + "/v1/models";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
        String first = key == null ? "" : key.strip().split("[\\r\\n]+")[0].strip();
        if (type == ChannelTypes.ANTHROPIC_CLAUDE) {
            request.header("x-api-key", first).header("anthropic-version", "2023-06-01");
        } else {
            request.header("Authorization", "Bearer " + first);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Failed to fetch models (upstream answered " + response.statusCode() + ")");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode model : JSON.readTree(response.body()).path("data")) {
            if (model.hasNonNull("id")) {
                ids.add(model.get("id").asText());
            }
        }
        return ids;
    }

    /**
     * An OpenAI-compatible upstream's balance in USD: the subscription's hard limit minus the last 100 days' usage
     * (Veloera's reading of the billing dashboard). Other types report none: {@link UnsupportedOperationException}.
     */
    double balance(ChannelRow channel) throws Exception {
        if (channel.type() != ChannelTypes.OPENAI_COMPATIBLE) {
            throw new UnsupportedOperationException("尚未实现 (this channel type reports no balance)");
        }
        String base = base(channel.baseUrl(), OPENAI_BASE);
        JsonNode subscription = getJson(base + "/v1/dashboard/billing/subscription", channel.firstKey());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode usage = getJson(base + "/v1/dashboard/billing/usage?start_date=" + today.minusDays(100)
                + "&end_date=" + today.plusDays(1), channel.firstKey());
        return subscription.path("hard_limit_usd").asDouble() - usage.path("total_usage").asDouble() / 100;
    }

    private JsonNode getJson(String url, String key) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the upstream answered " + response.statusCode() + " for " + url);
        }
        return JSON.readTree(response.body());
    }

    private static String base(String baseUrl, String fallback) {
        String base = baseUrl == null || baseUrl.isBlank() ? fallback : baseUrl.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String chatUrl(String base) {
        return base.endsWith("/chat/completions") ? base
                : base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions";
    }

    private static String errorMessage(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            String message = error.isObject() ? error.path("message").asText("") : error.asText("");
            String code = error.isObject() ? error.path("code").asText("") + " " + error.path("type").asText("") : "";
            return ("status " + response.statusCode() + ": " + message + " " + code).strip();
        } catch (Exception e) {
            String body = response.body() == null ? "" : response.body();
            return "status " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length()));
        }
    }
}
