package dev.veloera.relay.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.auth.ApiKey;
import dev.veloera.relay.auth.ApiKeyAuthenticator;
import dev.veloera.relay.channel.ChannelSelector;
import dev.veloera.relay.channel.ModelEntry;
import org.springframework.http.HttpHeaders;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.web.RelayException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the models the key's group reaches (and its model limits allow), in OpenAI's list shape. */
@RestController
class ModelsController {

    record ModelList(String object, List<Model> data) {
    }

    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    private final ApiKeyAuthenticator authenticator;
    private final ChannelSelector channels;

    ModelsController(ApiKeyAuthenticator authenticator, ChannelSelector channels) {
        this.authenticator = authenticator;
        this.channels = channels;
    }

    @GetMapping("/v1/models")
    ModelList models(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ApiKey key = authenticator.authenticate(authorization);
        Map<String, Model> models = new LinkedHashMap<>();
        for (ModelEntry entry : channels.modelsOf(key.group())) {
            if (key.allows(entry.model())) {
                models.putIfAbsent(entry.model(), new Model(entry.model(), "model", 0, owner(entry.channelType())));
            }
        }
        return new ModelList("list", List.copyOf(models.values()));
    }

    /** {@code GET /v1/models/{model}}: one model the key reaches, or 404 {@code model_not_found} in OpenAI's format. */
    @GetMapping("/v1/models/{model}")
    Model model(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                @PathVariable String model) {
        ApiKey key = authenticator.authenticate(authorization);
        for (ModelEntry entry : channels.modelsOf(key.group())) {
            if (entry.model().equals(model) && key.allows(model)) {
                return new Model(model, "model", 0, owner(entry.channelType()));
            }
        }
        throw new RelayException(GatewayError.MODEL_NOT_FOUND, 404, "The model '" + model + "' does not exist");
    }

    private static String owner(int channelType) {
        return switch (channelType) {
            case ChannelTypes.OPENAI_COMPATIBLE, ChannelTypes.AZURE_OPENAI -> "openai";
            case ChannelTypes.ANTHROPIC_CLAUDE -> "anthropic";
            case ChannelTypes.GEMINI -> "google";
            default -> "veloera";
        };
    }
}
