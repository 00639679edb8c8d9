package dev.veloera.command.option;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.Authenticator;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.option.ChangeOptionCommand;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.pricing.PricingTable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Root's option changes ({@code GET /api/option/} is query-service's): Veloera's paths and body. */
@RestController
class OptionController {

    /** Veloera sends the value as a string; a number or boolean sent bare is taken as its text. */
    record OptionRequest(String key, JsonNode value) {
    }

    record Changed(String key, String value) {
    }

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final Authenticator authenticator;

    OptionController(CommandGateway commands, CommandRunner runner, Authenticator authenticator) {
        this.commands = commands;
        this.runner = runner;
        this.authenticator = authenticator;
    }

    @PutMapping({"/api/option", "/api/option/"})
    ApiResponse<Changed> update(@RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestBody OptionRequest request) {
        Actor root = authenticator.root(authorization);
        String key = Requests.required(request.key(), "key");
        JsonNode node = request.value();
        String value = node == null || node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
        return ApiResponse.ok(change(key, value, root));
    }

    /** Veloera's spelling ({@code rest}): ModelRatio back to the built-in table. */
    @PostMapping("/api/option/rest_model_ratio")
    ApiResponse<Changed> resetModelRatio(
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor root = authenticator.root(authorization);
        String defaults = SystemOptions.definition(PricingTable.MODEL_RATIO).orElseThrow().defaultValue();
        return ApiResponse.ok(change(PricingTable.MODEL_RATIO, defaults, root));
    }

    private Changed change(String key, String value, Actor root) {
        runner.send(() -> commands.sendAndWait(
                new ChangeOptionCommand(SystemOptions.SETTINGS_ID, key, value, root)));
        boolean secret = SystemOptions.definition(key).map(d -> d.isSecret()).orElse(false);
        return new Changed(key, secret ? "" : value);
    }
}
