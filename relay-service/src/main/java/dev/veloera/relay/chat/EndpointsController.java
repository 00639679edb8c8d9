package dev.veloera.relay.chat;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veloera.contracts.api.OpenAiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's endpoints beyond chat, each priced by its rule ({@link PriceRule}): completions, responses (tokens),
 * embeddings (also {@code /v1/engines/{model}/embeddings}), rerank and moderations (prompt tokens), images (per image
 * by size and quality), speech (input characters), transcriptions and translations (multipart; per call when priced).
 * OpenAI routes Veloera does not serve answer 501 in OpenAI's error format, as Veloera does.
 */
@RestController
class EndpointsController {

    private static final Map<String, PriceRule> RULES = Map.of(
            "/v1/completions", PriceRule.TOKENS,
            "/v1/responses", PriceRule.TOKENS,
            "/v1/embeddings", PriceRule.PROMPT_ONLY,
            "/v1/rerank", PriceRule.PROMPT_ONLY,
            "/v1/moderations", PriceRule.PROMPT_ONLY,
            "/v1/images/generations", PriceRule.IMAGES,
            "/v1/audio/speech", PriceRule.SPEECH);

    private final Callers callers;
    private final ChatRelay relay;
    private final EndpointRoutes routes;
    private final ObjectMapper json;

    EndpointsController(Callers callers, ChatRelay relay, EndpointRoutes routes, ObjectMapper json) {
        this.callers = callers;
        this.relay = relay;
        this.routes = routes;
        this.json = json;
    }

    @PostMapping({"/v1/completions", "/v1/responses", "/v1/embeddings", "/v1/rerank", "/v1/moderations",
            "/v1/images/generations", "/v1/audio/speech"})
    void relayJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        relayJson(path, RULES.get(path), null, request, response);
    }

    @PostMapping("/v1/engines/{model}/embeddings")
    void engineEmbeddings(@PathVariable String model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        relayJson("/v1/embeddings", PriceRule.PROMPT_ONLY, model, request, response);
    }

    @PostMapping({"/v1/audio/transcriptions", "/v1/audio/translations"})
    void relayAudio(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Callers.Caller caller = callers.resolve(request.getHeader("Authorization"));
        String contentType = request.getContentType();
        if (contentType == null || !contentType.startsWith("multipart/form-data")) {
            throw JsonBodies.invalid("The request must be multipart/form-data with a file and a model.");
        }
        byte[] raw = request.getInputStream().readAllBytes();
        String model = Multipart.field(raw, contentType, "model");
        if (model == null || model.isBlank()) {
            throw JsonBodies.invalid("you must provide a model parameter");
        }
        ObjectNode body = json.createObjectNode().put("model", model);
        ChatRequest chat = new ChatRequest(ClientFormat.OPENAI, body, body, model, false, Map.of(),
                request.getRemoteAddr(), caller.pinnedChannel());
        String path = request.getRequestURI();
        relay.relay(caller.key(), chat, PriceRule.TRANSCRIPTION, (channel, key, upstreamModel) ->
                routes.route(path, chat, raw, contentType, channel, key, upstreamModel), response);
    }

    /** Veloera's routes it does not implement: 501, {@code api_not_implemented}. */
    @RequestMapping(value = {"/v1/images/edits", "/v1/images/variations", "/v1/files", "/v1/files/**",
            "/v1/fine-tunes", "/v1/fine-tunes/**", "/v1/fine_tuning/**", "/v1/assistants", "/v1/assistants/**",
            "/v1/threads", "/v1/threads/**", "/v1/batches", "/v1/batches/**", "/v1/vector_stores",
            "/v1/vector_stores/**", "/v1/uploads", "/v1/uploads/**"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE})
    ResponseEntity<OpenAiError> notImplemented() {
        return ResponseEntity.status(501).body(new OpenAiError(new OpenAiError.Body("API not implemented",
                "veloera_error", "api_not_implemented")));
    }

    private void relayJson(String path, PriceRule rule, String pathModel, HttpServletRequest request,
                           HttpServletResponse response) throws IOException {
        Callers.Caller caller = callers.resolve(request.getHeader("Authorization"));
        ObjectNode body = JsonBodies.object(json, request.getInputStream().readAllBytes());
        if (pathModel != null) {
            body.put("model", pathModel);
        }
        if (path.equals("/v1/moderations") && !body.hasNonNull("model")) {
            body.put("model", "text-moderation-latest");
        }
        if (path.equals("/v1/images/generations") && !body.hasNonNull("model")) {
            body.put("model", "dall-e-2");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw JsonBodies.invalid("you must provide a model parameter");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw JsonBodies.invalid("'stream' must be a boolean");
        }
        ChatRequest chat = new ChatRequest(ClientFormat.OPENAI, body, body, model.asText(),
                body.path("stream").asBoolean(false), Map.of(), request.getRemoteAddr(), caller.pinnedChannel());
        relay.relay(caller.key(), chat, rule, (channel, key, upstreamModel) ->
                routes.route(path, chat, null, "application/json", channel, key, upstreamModel), response);
    }
}
