package dev.veloera.relay.quota;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.web.RelayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reserves quota on command-service before a request goes upstream. A refusal becomes the
 * {@link GatewayError} the command side named; an unreachable command side refuses the request,
 * since relaying without a reservation would give the tokens away.
 */
@Component
public class ReservationClient {

    private static final Logger log = LoggerFactory.getLogger(ReservationClient.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final RelayProperties properties;
    private final URI endpoint;

    ReservationClient(HttpClient relayHttpClient, ObjectMapper json, RelayProperties properties) {
        this.http = relayHttpClient;
        this.json = json;
        this.properties = properties;
        this.endpoint = URI.create(stripSlash(properties.commandUrl().toString()) + ReserveQuotaRequest.PATH);
    }

    public ReserveQuotaResponse reserve(ReserveQuotaRequest request) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                    .timeout(properties.upstream().reservationTimeout())
                    .header("Content-Type", "application/json")
                    .header(ReserveQuotaRequest.SECRET_HEADER, properties.internalSecret())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                    .build();
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("Quota reservation {} failed: command-service at {} is unreachable ({}). Requests are refused "
                    + "until it answers.", request.requestId(), endpoint, e.toString());
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "quota service unavailable, retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "quota service unavailable, retry later");
        }
        JsonNode body = readTree(response.body());
        JsonNode data = body.path("data");
        if (response.statusCode() / 100 == 2 && body.path("success").asBoolean(false)) {
            return new ReserveQuotaResponse(data.path("reservationId").asText(request.requestId()),
                    data.path("amount").asLong(request.amount()), data.path("expiresAt").asLong(0));
        }
        String code = data.path("code").asText("");
        GatewayError error = GatewayError.fromCode(code);
        String message = body.path("message").asText("");
        if (error == GatewayError.INTERNAL_ERROR) {
            log.warn("Quota reservation {} answered HTTP {} with code '{}': {}", request.requestId(),
                    response.statusCode(), code, message);
            throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "quota service unavailable, retry later");
        }
        return fail(error, message);
    }

    private static ReserveQuotaResponse fail(GatewayError error, String message) {
        throw new RelayException(error, message.isBlank() ? defaultMessage(error) : message);
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

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
