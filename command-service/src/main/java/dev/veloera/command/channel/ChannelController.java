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
import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.channel.DeleteChannelCommand;
import dev.veloera.contracts.channel.UpdateChannelCommand;
import dev.veloera.contracts.common.Status;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import dev.veloera.contracts.common.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/channel/}, {@code PUT /api/channel/} and {@code DELETE /api/channel/{id}} (admin), Veloera's body:
 * comma-separated models and groups, JSON fields as JSON strings. An edit changes only the fields it sends (as
 * Veloera's, a blank key keeps the key); a {@code status} of 1 or 2 enables or disables the channel by hand.
 */
@RestController
class ChannelController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateChannelRequest(Integer type, String name, String key, String baseUrl, String models, String group,
                                Long priority, Integer weight, String modelMapping, String testModel) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateChannelRequest(Long id, Integer type, String name, String key, String baseUrl,
                                String openaiOrganization, String testModel, String models, String group,
                                Long priority, Integer weight, String modelMapping, String statusCodeMapping,
                                String tag, String setting, String paramOverride, Integer autoBan, String other,
                                String modelPrefix, Integer status) {
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

    @PutMapping("/api/channel/")
    ApiResponse<CreatedChannel> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                       @RequestBody UpdateChannelRequest request) {
        Actor admin = authenticator.admin(authorization);
        long id = Requests.required(request.id(), "id");
        Requests.check(request.status() == null || request.status() == Status.ENABLED
                || request.status() == Status.DISABLED, "status must be 1 (enabled) or 2 (disabled)");
        ChannelSettings edit = new ChannelSettings(request.type(), request.name(), request.key(), request.baseUrl(),
                request.openaiOrganization(), request.testModel(),
                request.models() == null ? null : Requests.commaSeparated(request.models()),
                request.group() == null ? null : Requests.commaSeparated(request.group()), request.priority(),
                request.weight(), request.modelMapping(), request.statusCodeMapping(), request.tag(), request.setting(),
                request.paramOverride(), request.autoBan(), request.other(), request.modelPrefix());
        String channelId = ChannelIds.aggregateId(id);
        onChannel(id, () -> runner.inTransaction(() -> {
            commands.sendAndWait(new UpdateChannelCommand(channelId, edit, admin));
            if (request.status() != null) {
                commands.sendAndWait(new ChangeChannelStatusCommand(channelId, request.status(), "", admin));
            }
            return null;
        }));
        return ApiResponse.ok(new CreatedChannel(id, request.name()));
    }

    @DeleteMapping("/api/channel/{id}")
    ApiResponse<Void> delete(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @PathVariable("id") long id) {
        Actor admin = authenticator.admin(authorization);
        onChannel(id, () -> runner.send(() -> commands.sendAndWait(
                new DeleteChannelCommand(ChannelIds.aggregateId(id), false, admin))));
        return ApiResponse.ok(null);
    }

    /** A channel id that was never created is 404, as a deleted one is (the aggregate says so). */
    static void onChannel(long id, Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            if (ChannelBatchController.isMissing(e)) {
                throw ApiException.notFound("no channel " + id);
            }
            throw e;
        }
    }
}
