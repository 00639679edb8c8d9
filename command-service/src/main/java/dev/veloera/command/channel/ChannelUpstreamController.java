package dev.veloera.command.channel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Authenticator;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.RecordChannelCheckCommand;
import dev.veloera.contracts.common.Actor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Veloera's channel routes that call the upstream (admin; GETs with side effects, routed here by the relay's
 * {@code ApiRoutes}): {@code /test/{id}} ({@code time} in seconds, as Veloera), {@code /test} (all channels, in the
 * background), {@code /update_balance/{id}}, {@code /update_balance}, {@code /fetch_models/{id}} and
 * {@code POST /fetch_models}. Answers in Veloera's shape: {@code success}, {@code message} and the figure.
 */
@RestController
class ChannelUpstreamController {

    private static final Logger log = LoggerFactory.getLogger(ChannelUpstreamController.class);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FetchModelsRequest(String baseUrl, Integer type, String key) {
    }

    private final ChannelTests tests;
    private final ChannelUpstream upstream;
    private final ChannelRow.Reader rows;
    private final ChannelSelection selection;
    private final Authenticator authenticator;
    private final CommandGateway commands;
    private final CommandRunner runner;

    ChannelUpstreamController(ChannelTests tests, ChannelUpstream upstream, ChannelRow.Reader rows,
                              ChannelSelection selection, Authenticator authenticator, CommandGateway commands,
                              CommandRunner runner) {
        this.tests = tests;
        this.upstream = upstream;
        this.rows = rows;
        this.selection = selection;
        this.authenticator = authenticator;
        this.commands = commands;
        this.runner = runner;
    }

    @GetMapping("/api/channel/test/{id}")
    Map<String, Object> test(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @PathVariable("id") long id, @RequestParam(name = "model", required = false) String model) {
        Actor admin = authenticator.admin(authorization);
        ChannelUpstream.TestResult result = tests.test(id, model, admin)
                .orElseThrow(() -> ApiException.notFound("no channel " + id));
        return answer(result.passed(), result.message(), "time", result.responseTimeMs() / 1000.0);
    }

    @GetMapping("/api/channel/test")
    Map<String, Object> testAll(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor admin = authenticator.admin(authorization);
        List<Long> ids = selection.all();
        Thread.ofVirtual().name("channel-test-all").start(() -> ids.forEach(id -> {
            try {
                tests.test(id, null, admin);
            } catch (RuntimeException e) {
                log.warn("Testing channel {} failed to run: {}", id, e.toString());
            }
        }));
        return answer(true, "", null, null);
    }

    @GetMapping("/api/channel/update_balance/{id}")
    Map<String, Object> updateBalance(@RequestHeader(value = "Authorization", required = false) String authorization,
                                      @PathVariable("id") long id) {
        Actor admin = authenticator.admin(authorization);
        ChannelRow channel = rows.find(id).orElseThrow(() -> ApiException.notFound("no channel " + id));
        try {
            double balance = upstream.balance(channel);
            runner.send(() -> commands.sendAndWait(new RecordChannelCheckCommand(ChannelIds.aggregateId(id), null,
                    balance, admin)));
            return answer(true, "", "balance", balance);
        } catch (UnsupportedOperationException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (Exception e) {
            return answer(false, e.getMessage(), null, null);
        }
    }

    @GetMapping("/api/channel/update_balance")
    Map<String, Object> updateAllBalances(@RequestHeader(value = "Authorization", required = false) String authorization) {
        Actor admin = authenticator.admin(authorization);
        List<Long> ids = selection.all();
        Thread.ofVirtual().name("channel-balance-all").start(() -> ids.forEach(id -> rows.find(id).ifPresent(channel -> {
            try {
                double balance = upstream.balance(channel);
                runner.send(() -> commands.sendAndWait(new RecordChannelCheckCommand(ChannelIds.aggregateId(id), null,
                        balance, admin)));
            } catch (Exception e) {
                log.debug("No balance for channel {}: {}", id, e.toString());
            }
        })));
        return answer(true, "", null, null);
    }

    @GetMapping("/api/channel/fetch_models/{id}")
    Map<String, Object> fetchModels(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @PathVariable("id") long id) {
        authenticator.admin(authorization);
        ChannelRow channel = rows.find(id).orElseThrow(() -> ApiException.notFound("no channel " + id));
        return listed(channel.type(), channel.baseUrl(), channel.key());
    }

    @PostMapping("/api/channel/fetch_models")
    Map<String, Object> fetchModels(@RequestHeader(value = "Authorization", required = false) String authorization,
                                    @RequestBody FetchModelsRequest request) {
        authenticator.admin(authorization);
        if (request.key() == null || request.key().isBlank()) {
            throw ApiException.badRequest("Invalid request (key is required)");
        }
        return listed(request.type() == null ? 0 : request.type(), request.baseUrl(), request.key());
    }

    private Map<String, Object> listed(int type, String baseUrl, String key) {
        try {
            return answer(true, "", "data", upstream.models(type, baseUrl, key));
        } catch (Exception e) {
            return answer(false, e.getMessage(), null, null);
        }
    }

    private static Map<String, Object> answer(boolean success, String message, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", success);
        body.put("message", message == null ? "" : message);
        if (field != null) {
            body.put(field, value);
        }
        return body;
    }
}
