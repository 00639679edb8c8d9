package dev.veloera.relay.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.web.RelayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * command-service's internal lease API. A refusal becomes the {@link GatewayError} the command side
 * named; an unreachable command side refuses the request that needed the lease (503), since serving
 * without one would give the tokens away. Requests whose token still holds a lease are not affected.
 */
@Component
class LeaseClient implements LeaseService {

    private static final Logger log = LoggerFactory.getLogger(LeaseClient.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final RelayProperties relay;
    private final LeaseProperties leases;
    private final URI grantUri;
    private final URI returnUri;

    LeaseClient(HttpClient relayHttpClient, ObjectMapper json, RelayProperties relay, LeaseProperties leases) {
        this.http = relayHttpClient;
        this.json = json;
        this.relay = relay;
        this.leases = leases;
        String base = stripSlash(relay.commandUrl().toString());
        this.grantUri = URI.create(base + LeaseRequest.PATH);
        this.returnUri = URI.create(base + LeaseRequest.RETURN_PATH);
    }

    @Override
    public LeaseGrant grant(LeaseRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = post(grantUri, request);
        } catch (IOException e) {
            log.warn("Lease {} for token {} failed: command-service at {} is unreachable ({}). Requests of tokens "
                    + "without a lease are refused until it answers.", request.leaseId(), request.tokenId(), grantUri, e.toString());
            throw unavailable();
        }
        JsonNode body = readTree(response.body());
        JsonNode data = body.path("data");
        if (response.statusCode() / 100 == 2 && body.path("success").asBoolean(false)) {
            return new LeaseGrant(data.path("leaseId").asText(request.leaseId()), data.path("amount").asLong(0),
                    data.path("expiresAt").asLong(0));
        }
        String code = data.path("code").asText("");
        GatewayError error = GatewayError.fromCode(code);
        String message = body.path("message").asText("");
        if (error == GatewayError.INTERNAL_ERROR) {
            log.warn("Lease {} answered HTTP {} with code '{}': {}", request.leaseId(), response.statusCode(), code, message);
            throw unavailable();
        }
        throw new RelayException(error, message.isBlank() ? defaultMessage(error) : message);
    }

    @Override
    public boolean giveBack(LeaseReturn lease) {
        try {
            HttpResponse<byte[]> response = post(returnUri, lease);
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            log.warn("Returning lease {} answered HTTP {}: {}", lease.leaseId(), response.statusCode(),
                    new String(response.body()));
        } catch (IOException e) {
            log.debug("Returning lease {} failed: {}", lease.leaseId(), e.toString());
        }
        return false;
    }

    private HttpResponse<byte[]> post(URI uri, Object body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(leases.grantTimeout())
                .header("Content-Type", "application/json")
                .header(ReserveQuotaRequest.SECRET_HEADER, relay.internalSecret())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static RelayException unavailable() {
        return new RelayException(GatewayError.INTERNAL_ERROR, 503, "quota service unavailable, retry later");
    }

    private static String defaultMessage(GatewayError error) {
        return switch (error) {
            case INSUFFICIENT_USER_QUOTA -> "Your quota is insufficient for this request.";
            case TOKEN_QUOTA_EXHAUSTED -> "This API key's quota is exhausted.";
            case MODEL_NOT_ALLOWED -> "This API key may not use this model.";
            case INVALID_API_KEY -> "Incorrect API key provided.";
            default -> error.code();
        };
    }

    private JsonNode readTree(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
