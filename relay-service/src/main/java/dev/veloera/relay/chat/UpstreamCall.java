package dev.veloera.relay.chat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.api.OpenAiError;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.channel.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls an OpenAI-compatible channel's {@code /v1/chat/completions} and writes the answer to the client:
 * a JSON body as it came, or a stream whose every line is written and flushed as it arrives. The
 * client's disconnection does not stop the upstream: the stream is drained so its usage can be billed.
 * Every path calls the {@link UsageCheckpoint} before the last byte of the client's answer.
 */
@Component
class UpstreamCall {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final HttpClient http;
    private final BlockingUpstream blocking;
    private final ObjectMapper json;
    private final RelayProperties properties;

    private final ScheduledExecutorService idleChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "upstream-idle-check");
        thread.setDaemon(true);
        return thread;
    });

    UpstreamCall(HttpClient relayHttpClient, BlockingUpstream blocking, ObjectMapper json, RelayProperties properties) {
        this.http = relayHttpClient;
        this.blocking = blocking;
        this.json = json;
        this.properties = properties;
    }

    @PreDestroy
    void stopIdleChecks() {
        idleChecks.shutdownNow();
    }

    /**
     * A JSON answer: written up to its last byte, then the usage is recorded ({@code checkpoint}), then the
     * last byte completes the client's answer. The client's departure is still seen as {@code client_aborted}.
     */
    Outcome complete(Channel channel, ObjectNode body, HttpServletResponse response, UsageCheckpoint checkpoint)
            throws IOException {
        BlockingUpstream.Answer upstream;
        try {
            upstream = blocking.post(URI.create(channel.baseUrlOrDefault() + CHAT_PATH), channel.apiKey(),
                    json.writeValueAsBytes(body));
        } catch (IOException e) {
            return unreachable(channel, e, response, checkpoint);
        }
        if (upstream.statusCode() / 100 != 2) {
            return upstreamError(channel, upstream.statusCode(), upstream.body(), response, checkpoint);
        }
        JsonNode answer = tryParse(upstream.body());
        JsonNode usage = answer == null ? null : usageOf(answer);
        StringBuilder text = new StringBuilder();
        if (answer != null && usage == null) {
            for (JsonNode choice : answer.path("choices")) {
                appendGenerated(choice.path("message"), text);
            }
        }
        byte[] bytes = upstream.body();
        int held = bytes.length == 0 ? 0 : 1;
        Outcome outcome;
        boolean clientThere = false;
        try {
            response.setStatus(upstream.statusCode());
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes, 0, bytes.length - held);
            response.flushBuffer();
            outcome = Outcome.success(usage, text.toString(), upstream.statusCode());
            clientThere = true;
        } catch (IOException e) {
            outcome = Outcome.aborted(usage, text.toString(), upstream.statusCode());
        }
        checkpoint.record(outcome);
        if (held > 0 && clientThere) {
            try {
                response.getOutputStream().write(bytes, bytes.length - held, held);
                response.flushBuffer();
            } catch (IOException e) {
                log.debug("Client left before the last byte of its answer: {}", e.toString());
            }
        }
        return outcome;
    }

    /**
     * A stream: every line is passed on as it arrives, except the final {@code data: [DONE]} and what follows
     * it, which are held until the usage is recorded ({@code checkpoint}) at the end of the upstream's stream.
     */
    Outcome stream(Channel channel, ObjectNode body, HttpServletResponse response, UsageCheckpoint checkpoint)
            throws IOException {
        JsonNode options = body.path("stream_options");
        boolean clientWantsUsage = options.path("include_usage").asBoolean(false);
        ObjectNode streamOptions = options.isObject() ? (ObjectNode) options : body.putObject("stream_options");
        streamOptions.put("include_usage", true);
        body.set("stream_options", streamOptions);

        HttpResponse<Stream<String>> upstream;
        try {
            upstream = http.send(request(channel, body, true), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException | InterruptedException e) {
            return unreachable(channel, e, response, checkpoint);
        }
        if (upstream.statusCode() / 100 != 2) {
            String error;
            try (Stream<String> lines = upstream.body()) {
                error = lines.collect(Collectors.joining("\n"));
            } catch (UncheckedIOException e) {
                error = "";
            }
            return upstreamError(channel, upstream.statusCode(), error.getBytes(StandardCharsets.UTF_8), response,
                    checkpoint);
        }

        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        response.flushBuffer();

        boolean clientGone = false;
        boolean skipBlankLine = false;
        StringBuilder tail = null; // data: [DONE] and after: written only once the usage is durable
        JsonNode usage = null;
        StringBuilder text = new StringBuilder();
        StreamIdleWatchdog watchdog = new StreamIdleWatchdog(Thread.currentThread(),
                properties.upstream().streamIdleTimeout(), idleChecks);
        try (Stream<String> lines = upstream.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                watchdog.activity();
                boolean forward = true;
                if (tail == null && isDone(line)) {
                    tail = new StringBuilder();
                }
                if (tail != null) {
                    tail.append(line).append('\n');
                    forward = false;
                } else if (line.startsWith("data:")) {
                    JsonNode chunk = chunkOf(line);
                    if (chunk != null) {
                        JsonNode chunkUsage = usageOf(chunk);
                        if (chunkUsage != null) {
                            usage = chunkUsage;
                        }
                        for (JsonNode choice : chunk.path("choices")) {
                            appendGenerated(choice.path("delta"), text);
                        }
                        // the usage-only chunk exists because the relay asked for it; a client that did not is spared it
                        if (chunkUsage != null && !clientWantsUsage && chunk.path("choices").isEmpty()) {
                            forward = false;
                            skipBlankLine = true;
                        }
                    }
                } else if (line.isEmpty() && skipBlankLine) {
                    forward = false;
                    skipBlankLine = false;
                }
                if (forward && !clientGone) {
                    try {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        clientGone = true;
                        log.debug("Client left mid-stream on channel {}; draining the upstream to bill it.", channel.id());
                    }
                }
                watchdog.activity();
            }
        } catch (UncheckedIOException e) {
            watchdog.stop();
            log.warn("Channel {} ({}) {}: {}", channel.id(), channel.name(), watchdog.fired()
                    ? "sent nothing for " + properties.upstream().streamIdleTimeout() + "; stream abandoned"
                    : "broke off a stream", e.getCause().toString());
            Outcome outcome = clientGone ? Outcome.aborted(usage, text.toString(), 200)
                    : Outcome.failed(watchdog.fired() ? "upstream_stream_idle" : "upstream_stream_broken", 200);
            checkpoint.record(outcome);
            if (!clientGone) {
                writeQuietly(out, "data: " + json.writeValueAsString(
                        OpenAiError.of(GatewayError.UPSTREAM_ERROR, "the upstream broke off the stream")) + "\n\n");
            }
            return outcome;
        } finally {
            watchdog.stop();
        }
        Outcome outcome = clientGone ? Outcome.aborted(usage, text.toString(), 200)
                : Outcome.success(usage, text.toString(), 200);
        checkpoint.record(outcome);
        if (tail != null && !clientGone) {
            writeQuietly(out, tail.toString());
        }
        return outcome;
    }

    private static boolean isDone(String line) {
        return line.startsWith("data:") && line.substring(5).trim().equals("[DONE]");
    }

    private HttpRequest request(Channel channel, ObjectNode body, boolean stream) throws IOException {
        URI uri = URI.create(channel.baseUrlOrDefault() + CHAT_PATH);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(properties.upstream().responseTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer " + channel.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // plain-HTTP upstreams rarely speak h2c; skip the upgrade dance
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder.build();
    }

    private Outcome unreachable(Channel channel, Exception e, HttpServletResponse response, UsageCheckpoint checkpoint)
            throws IOException {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        // the JDK client's timeout, or a socket or connect timeout of the blocking client
        boolean timeout = e instanceof HttpTimeoutException || e instanceof InterruptedIOException;
        log.warn("Channel {} ({}) at {} {}: {}", channel.id(), channel.name(), channel.baseUrlOrDefault(),
                timeout ? "timed out" : "is unreachable", e.toString());
        Outcome outcome = Outcome.failed(timeout ? "upstream_timeout" : "upstream_unreachable", 0);
        checkpoint.record(outcome);
        writeError(response, timeout ? 504 : 502, OpenAiError.of(GatewayError.UPSTREAM_ERROR,
                timeout ? "the upstream did not answer in time" : "the upstream is unreachable"));
        return outcome;
    }

    /**
     * The upstream's own error reaches the client, except a rejection of the channel's credentials
     * (401/403), which is the operator's problem, not the client's, and may echo part of the channel key.
     */
    private Outcome upstreamError(Channel channel, int status, byte[] body, HttpServletResponse response,
                                  UsageCheckpoint checkpoint) throws IOException {
        JsonNode parsed = tryParse(body);
        JsonNode error = parsed == null ? null : parsed.get("error");
        String code = error != null && error.hasNonNull("code") ? error.get("code").asText()
                : error != null && error.hasNonNull("type") ? error.get("type").asText() : "upstream_error";
        log.info("Channel {} ({}) answered HTTP {} ({})", channel.id(), channel.name(), status, code);
        Outcome outcome = Outcome.failed("upstream_" + status + (code.equals("upstream_error") ? "" : ":" + code), status);
        checkpoint.record(outcome);
        if (status == 401 || status == 403) {
            writeError(response, 502, OpenAiError.of(GatewayError.UPSTREAM_ERROR,
                    "the upstream channel refused its credentials"));
        } else if (error != null && error.isObject()) {
            writeJson(response, status, body);
        } else {
            writeError(response, status >= 400 ? status : 502, OpenAiError.of(GatewayError.UPSTREAM_ERROR,
                    "the upstream answered HTTP " + status));
        }
        return outcome;
    }

    private void writeError(HttpServletResponse response, int status, OpenAiError error) throws IOException {
        writeJson(response, status, json.writeValueAsBytes(error));
    }

    private static void writeJson(HttpServletResponse response, int status, byte[] body) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            log.debug("Client left before its error answer was written: {}", e.toString());
        }
    }

    private static void writeQuietly(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone; nothing left to tell it
        }
    }

    private JsonNode chunkOf(String line) {
        String data = line.substring(5).trim();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return null;
        }
        return tryParse(data.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode tryParse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode usageOf(JsonNode answer) {
        JsonNode usage = answer.get("usage");
        return usage != null && usage.isObject() && usage.has("prompt_tokens") ? usage : null;
    }

    private static void appendGenerated(JsonNode message, StringBuilder text) {
        text.append(message.path("content").asText(""));
        text.append(message.path("reasoning_content").asText(""));
        for (JsonNode call : message.path("tool_calls")) {
            text.append(call.path("function").path("name").asText(""));
            text.append(call.path("function").path("arguments").asText(""));
        }
    }
}
