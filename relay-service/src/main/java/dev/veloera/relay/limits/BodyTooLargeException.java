package dev.veloera.relay.limits;

import java.io.IOException;

/** Thrown by a request body's stream once more than {@code veloera.limits.max-request-body} was read: 413. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
