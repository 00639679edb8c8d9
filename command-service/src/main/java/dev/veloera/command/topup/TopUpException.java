package dev.veloera.command.topup;

import dev.veloera.command.DomainException;

/** Why a {@link TopUp} (or the payment routes) refused. */
public class TopUpException extends DomainException {

    TopUpException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static TopUpException invalid(String message) {
        return new TopUpException("invalid_request", 400, message);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }
}
