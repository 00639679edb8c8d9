package dev.veloera.relay.chat;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/chat/completions}, served by {@link ChatServlet}. The body is kept as a JSON tree so that every
 * field the relay does not know reaches the upstream unchanged.
 */
@Component
class ChatCompletions {

    private final Callers callers;
    private final ChatRelay relay;
    private final ObjectMapper json;

    ChatCompletions(Callers callers, ChatRelay relay, ObjectMapper json) {
        this.callers = callers;
        this.relay = relay;
        this.json = json;
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Callers.Caller caller = callers.resolve(request.getHeader(HttpHeaders.AUTHORIZATION));
        ObjectNode body = parse(request.getInputStream().readAllBytes());
        relay.relay(caller.key(), new ChatRequest(ClientFormat.OPENAI, body, body, body.get("model").asText(),
                body.path("stream").asBoolean(false), java.util.Map.of(), request.getRemoteAddr(),
                caller.pinnedChannel()), response);
    }

    private ObjectNode parse(byte[] bytes) {
        ObjectNode body = JsonBodies.object(json, bytes);
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw JsonBodies.invalid("you must provide a model parameter");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw JsonBodies.invalid("'messages' must be a non-empty array");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw JsonBodies.invalid("'stream' must be a boolean");
        }
        return body;
    }
}
