package dev.veloera.command.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.config.LookupTables;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.common.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code POST /api/channel/} (admin), Veloera's body: comma-separated models and groups, mapping as a JSON string. */
@RestController
class ChannelController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateChannelRequest(Integer type, String name, String key, String baseUrl, String models, String group,
                                Long priority, Integer weight, String modelMapping, String testModel) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedChannel(long id, String name) {
    }

    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final LookupTables tables;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    ChannelController(CommandGateway commands, CommandRunner runner, LookupTables tables,
                      Authenticator authenticator, ObjectMapper json) {
        this.commands = commands;
        this.runner = runner;
        this.tables = tables;
        this.authenticator = authenticator;
        this.json = json;
    }

    @PostMapping("/api/channel/")
    ApiResponse<CreatedChannel> create(@RequestHeader(value = "Authorization", required = false) String authorization,
                                       @RequestBody CreateChannelRequest request) {
        Actor admin = authenticator.admin(authorization);
        String name = Requests.required(request.name(), "name");
        String key = Requests.required(request.key(), "key");
        List<String> models = Requests.commaSeparated(request.models());
        Requests.check(!models.isEmpty(), "models is required (comma-separated)");
        List<String> groups = Requests.commaSeparated(request.group());
        int type = request.type() == null ? 0 : request.type();
        int weight = request.weight() == null ? 0 : request.weight();
        long priority = request.priority() == null ? 0 : request.priority();
        Requests.check(type >= 0, "type must not be negative");
        Requests.check(weight >= 0, "weight must not be negative");
        Map<String, String> mapping = modelMapping(request.modelMapping());
        String testModel = request.testModel() == null || request.testModel().isBlank() ? null : request.testModel();
        long channelId = runner.inTransaction(() -> {
            long id = tables.insertReturningId("INSERT INTO cmd_channel_id (created_at) VALUES (?)", "channel_id",
                    Instant.now().getEpochSecond());
            commands.sendAndWait(new CreateChannelCommand(ChannelIds.aggregateId(id), type, name, key,
                    request.baseUrl() == null ? "" : request.baseUrl().strip(), models,
                    groups.isEmpty() ? List.of("default") : groups, priority, weight, mapping, testModel, admin));
            return id;
        });
        return ApiResponse.ok(new CreatedChannel(channelId, name));
    }

    private Map<String, String> modelMapping(String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> mapping = json.readValue(value, MAPPING);
            return mapping == null ? Map.of() : mapping;
        } catch (Exception e) {
            throw ApiException.badRequest("model_mapping must be a JSON object of model name to model name");
        }
    }
}
