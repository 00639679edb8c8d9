package dev.veloera.relay.chat;

import java.io.IOException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: the key in {@code x-api-key} or {@code Authorization: Bearer};
 * {@code anthropic-version} and {@code anthropic-beta} passed on to Claude channels, which serve it natively; other
 * channels serve it through OpenAI's format. Served by {@link ChatServlet}.
 */
@Component
class Messages {

    private final Callers callers;
    private final ChatRelay relay;
    private final ObjectMapper json;

    Messages(Callers callers, ChatRelay relay, ObjectMapper json) {
        this.callers = callers;
        this.relay = relay;
        this.json = json;
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String apiKey = request.getHeader("x-api-key");
        Callers.Caller caller = callers.resolve(apiKey != null && !apiKey.isBlank() ? apiKey
                : request.getHeader("Authorization"));
        ObjectNode body = parse(request.getInputStream().readAllBytes());
        relay.relay(caller.key(), new ChatRequest(ClientFormat.ANTHROPIC, body, AnthropicRequests.toOpenAi(body),
                body.get("model").asText(), body.path("stream").asBoolean(false), anthropicHeaders(request),
                request.getRemoteAddr(), caller.pinnedChannel()), response);
    }

    private static Map<String, String> anthropicHeaders(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("anthropic-version") || lower.equals("anthropic-beta")) {
                headers.put(lower, request.getHeader(name));
            }
        }
        return headers;
    }

    private ObjectNode parse(byte[] bytes) {
        ObjectNode body = JsonBodies.object(json, bytes);
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            throw JsonBodies.invalid("model: Field required");
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            throw JsonBodies.invalid("messages: Field required");
        }
        if (!body.path("max_tokens").canConvertToInt()) {
            throw JsonBodies.invalid("max_tokens: Field required");
        }
        return body;
    }
}
