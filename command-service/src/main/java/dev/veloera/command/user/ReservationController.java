package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.config.CommandServiceProperties;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.user.ReserveQuotaCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The relay's internal {@code POST /internal/quota/reservations} (camelCase contracts record,
 * shared-secret header). A refusal answers the {@link GatewayError}'s status and code.
 */
@RestController
class ReservationController {

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final byte[] secret;

    ReservationController(CommandGateway commands, CommandRunner runner, CommandServiceProperties properties) {
        this.commands = commands;
        this.runner = runner;
        this.secret = properties.internalSecret().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(ReserveQuotaRequest.PATH)
    ApiResponse<ReserveQuotaResponse> reserve(
            @RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false) String presented,
            @RequestBody ReserveQuotaRequest request) {
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("wrong or missing " + ReserveQuotaRequest.SECRET_HEADER);
        }
        String requestId = Requests.required(request.requestId(), "requestId");
        Requests.check(request.amount() >= 0, "amount must not be negative");
        Requests.check(request.userId() > 0, "userId is required");
        try {
            return ApiResponse.ok(runner.send(() -> commands.<ReserveQuotaResponse>sendAndWait(
                    new ReserveQuotaCommand(String.valueOf(request.userId()), request.tokenId(), requestId,
                            request.model(), request.amount(), Actor.SYSTEM))));
        } catch (AggregateNotFoundException e) {
            throw new ApiException(GatewayError.INVALID_API_KEY.code(), GatewayError.INVALID_API_KEY.httpStatus(),
                    "no such user");
        }
    }
}
