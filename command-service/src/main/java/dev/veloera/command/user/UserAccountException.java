package dev.veloera.command.user;

import dev.veloera.command.DomainException;
import dev.veloera.contracts.api.GatewayError;

/** Why a {@link UserAccount} refused a command. */
public class UserAccountException extends DomainException {

    UserAccountException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static UserAccountException refused(GatewayError error, String message) {
        return new UserAccountException(error.code(), error.httpStatus(), message);
    }

    static UserAccountException invalid(String message) {
        return refused(GatewayError.INVALID_REQUEST, message);
    }

    /** Refuses a command whose fields break a rule ({@code invalid_request}). */
    static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }

    static UserAccountException forbidden(String message) {
        return new UserAccountException("forbidden", 403, message);
    }

    static UserAccountException notFound(String message) {
        return new UserAccountException("not_found", 404, message);
    }

    static UserAccountException unauthorized(String message) {
        return new UserAccountException("unauthorized", 401, message);
    }
}
