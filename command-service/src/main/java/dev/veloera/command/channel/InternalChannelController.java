package dev.veloera.command.channel;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.InternalSecret;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelStatusReport;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay's channel-health reports ({@code POST} {@value ChannelStatusReport#PATH}, internal secret):
 * an auto-disable after an upstream failure, a re-enable after a passing test; the system is the actor.
 */
@RestController
class InternalChannelController {

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final InternalSecret secret;

    InternalChannelController(CommandGateway commands, CommandRunner runner, InternalSecret secret) {
        this.commands = commands;
        this.runner = runner;
        this.secret = secret;
    }

    @PostMapping(ChannelStatusReport.PATH)
    ApiResponse<Void> report(@RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false)
                             String presented, @RequestBody ChannelStatusReport report) {
        secret.check(presented);
        Requests.check(report.channelId() > 0, "channelId is required");
        try {
            runner.send(() -> commands.sendAndWait(new ChangeChannelStatusCommand(
                    ChannelIds.aggregateId(report.channelId()), report.status(), report.reason(), Actor.SYSTEM)));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound("no channel " + report.channelId());
        }
        return ApiResponse.ok(null);
    }
}
