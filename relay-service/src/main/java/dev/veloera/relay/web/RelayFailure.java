package dev.veloera.relay.web;

import java.util.zip.ZipException;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.limits.BodyTooLargeException;

/**
 * What a failure on the relay's API is answered with: its status, error code and message. One mapping for both ways
 * a request reaches the relay, Spring MVC ({@link OpenAiErrorHandler}) and the chat servlet.
 */
public record RelayFailure(int status, GatewayError error, String message) {

    /** A failure nobody foresaw: the client learns nothing of it but where to look. */
    public static final RelayFailure UNEXPECTED = new RelayFailure(500, GatewayError.INTERNAL_ERROR,
            "internal error, see the relay's log");

    /** The answer to a refusal or to a body the relay could not read; {@link #UNEXPECTED} for anything else. */
    public static RelayFailure of(Throwable e) {
        if (e instanceof RelayException refusal) {
            return new RelayFailure(refusal.httpStatus(), refusal.error(), refusal.getMessage());
        }
        if (e instanceof BodyTooLargeException) {
            return new RelayFailure(413, GatewayError.REQUEST_TOO_LARGE, e.getMessage());
        }
        if (e instanceof ZipException) {
            return new RelayFailure(400, GatewayError.INVALID_REQUEST, "The request body is not valid gzip: "
                    + e.getMessage());
        }
        return UNEXPECTED;
    }

    public boolean unexpected() {
        return this == UNEXPECTED;
    }
}
