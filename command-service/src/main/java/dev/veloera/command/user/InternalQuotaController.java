package dev.veloera.command.user;

import dev.veloera.command.config.CommandRunner;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.InternalSecret;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.lease.GrantQuotaLeaseCommand;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.contracts.lease.ReturnQuotaLeaseCommand;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.user.ReserveQuotaCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Supplier;

/**
 * The relay's internal quota API (camelCase contracts records, shared-secret header
 * {@value ReserveQuotaRequest#SECRET_HEADER}): quota leases ({@code POST /internal/quota/leases},
 * {@code POST /internal/quota/leases/return}) and the older per-request reservations
 * ({@code POST /internal/quota/reservations}). A refusal answers the {@link GatewayError}'s status and code.
 */
@RestController
class InternalQuotaController {

    private final CommandGateway commands;
    private final CommandRunner runner;
    private final InternalSecret secret;

    InternalQuotaController(CommandGateway commands, CommandRunner runner, InternalSecret secret) {
        this.commands = commands;
        this.runner = runner;
        this.secret = secret;
    }

    @PostMapping(LeaseRequest.PATH)
    ApiResponse<LeaseGrant> grant(@RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false)
                                  String presented, @RequestBody LeaseRequest request) {
        secret.check(presented);
        String leaseId = Requests.required(request.leaseId(), "leaseId");
        String relayInstance = Requests.required(request.relayInstance(), "relayInstance");
        Requests.check(request.userId() > 0, "userId is required");
        Requests.check(request.minimum() >= 0, "minimum must not be negative");
        Requests.check(request.wanted() > 0, "wanted must be positive");
        return ApiResponse.ok(forUser(() -> commands.<LeaseGrant>sendAndWait(new GrantQuotaLeaseCommand(
                String.valueOf(request.userId()), request.tokenId(), leaseId, relayInstance, request.minimum(),
                request.wanted(), Actor.SYSTEM))));
    }

    /** Answers {@code data: null}; returning a lease twice, or an unknown or expired one, changes nothing. */
    @PostMapping(LeaseRequest.RETURN_PATH)
    ApiResponse<Void> handBack(@RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false)
                               String presented, @RequestBody LeaseReturn request) {
        secret.check(presented);
        String leaseId = Requests.required(request.leaseId(), "leaseId");
        Requests.check(request.userId() > 0, "userId is required");
        Requests.check(request.consumed() >= 0, "consumed must not be negative");
        forUser(() -> commands.sendAndWait(new ReturnQuotaLeaseCommand(String.valueOf(request.userId()), leaseId,
                request.consumed(), Actor.SYSTEM)));
        return ApiResponse.ok(null);
    }

    @PostMapping(ReserveQuotaRequest.PATH)
    ApiResponse<ReserveQuotaResponse> reserve(
            @RequestHeader(value = ReserveQuotaRequest.SECRET_HEADER, required = false) String presented,
            @RequestBody ReserveQuotaRequest request) {
        secret.check(presented);
        String requestId = Requests.required(request.requestId(), "requestId");
        Requests.check(request.amount() >= 0, "amount must not be negative");
        Requests.check(request.userId() > 0, "userId is required");
        return ApiResponse.ok(forUser(() -> commands.<ReserveQuotaResponse>sendAndWait(
                new ReserveQuotaCommand(String.valueOf(request.userId()), request.tokenId(), requestId,
                        request.model(), request.amount(), Actor.SYSTEM))));
    }

    /** Sends one command to a user's account; a user that does not exist is the relay's invalid key. */
    private <T> T forUser(Supplier<T> command) {
        try {
            return runner.send(command);
        } catch (AggregateNotFoundException e) {
            throw new ApiException(GatewayError.INVALID_API_KEY.code(), GatewayError.INVALID_API_KEY.httpStatus(),
                    "no such user");
        }
    }
}
