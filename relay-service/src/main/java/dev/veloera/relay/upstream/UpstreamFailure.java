package dev.veloera.relay.upstream;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Why an attempt on a channel failed, read from the upstream's answer in any provider's error shape (OpenAI's
 * {@code {"error":{"message","type","code"}}}, Anthropic's {@code {"type":"error","error":{"type","message"}}},
 * Gemini's {@code {"error":{"code","message","status"}}}).
 *
 * @param status  the upstream's HTTP status; 0 when it never answered
 * @param timeout the upstream did not answer in time (never retried: the request may still be running there)
 * @param body    the upstream's error body, passed to the client when it is a JSON error of the client's format
 */
public record UpstreamFailure(int status, String code, String type, String message, boolean timeout, byte[] body,
                              JsonNode parsed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static UpstreamFailure unreachable(boolean timeout, String message) {
        return new UpstreamFailure(0, timeout ? "upstream_timeout" : "upstream_unreachable", "", message, timeout,
                new byte[0], null);
    }

    public static UpstreamFailure of(int status, byte[] body) {
        JsonNode parsed = null;
        try {
            parsed = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (Exception e) {
            // not JSON: an HTML page of a proxy, say
        }
        JsonNode error = parsed == null ? null : parsed.get("error");
        String code = "";
        String type = "";
        String message = "";
        if (error != null && error.isObject()) {
            code = text(error.get("code"));
            type = error.hasNonNull("type") ? text(error.get("type")) : text(error.get("status"));
            message = text(error.get("message"));
        } else if (error != null && error.isTextual()) {
            message = error.asText();
        } else if (parsed != null && parsed.hasNonNull("message")) {
            message = text(parsed.get("message"));
        } else if (body != null && parsed == null) {
            message = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        }
        return new UpstreamFailure(status, code, type, message, false, body == null ? new byte[0] : body, parsed);
    }

    /** The error code recorded in the usage record: {@code upstream_<status>[:<code>]}. */
    public String errorCode() {
        if (status == 0) {
            return code;
        }
        String detail = !code.isEmpty() ? code : type;
        return "upstream_" + status + (detail.isEmpty() ? "" : ":" + detail);
    }

    /**
     * Worth another channel (Veloera's {@code shouldRetry}, narrowed): a connection failure, 429, 307 and any 5xx but
     * the timeouts 504 and 524. A timeout of ours is not retried either: the first channel may still be generating.
     */
    public boolean retryable() {
        if (status == 0) {
            return !timeout;
        }
        return status == 429 || status == 307 || (status / 100 == 5 && status != 504 && status != 524);
    }

    /** The lower-case message, for the AutomaticDisableKeywords. */
    public String lowerMessage() {
        return message.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText("");
    }
}
