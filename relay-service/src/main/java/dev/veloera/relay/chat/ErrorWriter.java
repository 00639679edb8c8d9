package dev.veloera.relay.chat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.api.OpenAiError;
import dev.veloera.relay.upstream.UpstreamFailure;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Errors in the client's own format: OpenAI's {@code {"error":{...}}} or Anthropic's {@code {"type":"error",...}}. */
@Component
class ErrorWriter {

    private static final Logger log = LoggerFactory.getLogger(ErrorWriter.class);

    private final ObjectMapper json;

    ErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    /** An error of the relay's own. */
    void write(HttpServletResponse response, ClientFormat format, int status, GatewayError error, String message)
            throws IOException {
        writeJson(response, status, json.writeValueAsBytes(body(format, error, message)));
    }

    /**
     * The upstream's failure: its own error body when it is in the client's format, except a rejection of the
     * channel's credentials (401/403), which is the operator's problem, not the client's, and may echo part of the key.
     */
    void upstream(HttpServletResponse response, ClientFormat format, int clientStatus, UpstreamFailure failure)
            throws IOException {
        if (failure.status() == 0) {
            write(response, format, failure.timeout() ? 504 : 502, GatewayError.UPSTREAM_ERROR,
                    failure.timeout() ? "the upstream did not answer in time" : "the upstream is unreachable");
        } else if (failure.status() == 401 || failure.status() == 403) {
            write(response, format, 502, GatewayError.UPSTREAM_ERROR, "the upstream channel refused its credentials");
        } else if (inClientFormat(format, failure.parsed())) {
            writeJson(response, clientStatus, failure.body());
        } else {
            write(response, format, clientStatus >= 400 ? clientStatus : 502, GatewayError.UPSTREAM_ERROR,
                    failure.message().isBlank() ? "the upstream answered HTTP " + failure.status() : failure.message());
        }
    }

    /** An error event inside a stream already under way. */
    String streamEvent(ClientFormat format, String message) throws IOException {
        Object body = body(format, GatewayError.UPSTREAM_ERROR, message);
        return format == ClientFormat.ANTHROPIC
                ? "event: error\ndata: " + json.writeValueAsString(body) + "\n\n"
                : "data: " + json.writeValueAsString(body) + "\n\n";
    }

    private Object body(ClientFormat format, GatewayError error, String message) {
        if (format == ClientFormat.OPENAI) {
            return OpenAiError.of(error, message);
        }
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", anthropicType(error)).put("message", message);
        return body;
    }

    private static boolean inClientFormat(ClientFormat format, JsonNode parsed) {
        if (parsed == null) {
            return false;
        }
        return format == ClientFormat.OPENAI
                ? parsed.path("error").isObject() && parsed.path("error").has("message")
                : "error".equals(parsed.path("type").asText()) && parsed.path("error").isObject();
    }

    private static String anthropicType(GatewayError error) {
        return switch (error) {
            case INVALID_API_KEY -> "authentication_error";
            case INSUFFICIENT_USER_QUOTA, TOKEN_QUOTA_EXHAUSTED, MODEL_NOT_ALLOWED, USER_DISABLED -> "permission_error";
            case MODEL_NOT_FOUND -> "not_found_error";
            case INVALID_REQUEST, REQUEST_TOO_LARGE -> "invalid_request_error";
            case RATE_LIMITED -> "rate_limit_error";
            case UPSTREAM_ERROR -> "api_error";
            case INTERNAL_ERROR -> "api_error";
        };
    }

    static void writeJson(HttpServletResponse response, int status, byte[] body) {
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
}
