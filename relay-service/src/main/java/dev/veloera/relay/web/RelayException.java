package dev.veloera.relay.web;

import dev.veloera.contracts.api.GatewayError;

/**
 * A refusal for a {@code /v1/**} client, answered as an OpenAI error body. {@code httpStatus} is the
 * error's own status unless an upstream status is passed on.
 */
public class RelayException extends RuntimeException {

    private final GatewayError error;
    private final int httpStatus;

    public RelayException(GatewayError error, String message) {
        this(error, error.httpStatus(), message);
    }

    public RelayException(GatewayError error, int httpStatus, String message) {
        super(message);
        this.error = error;
        this.httpStatus = httpStatus;
    }

    public GatewayError error() {
        return error;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
