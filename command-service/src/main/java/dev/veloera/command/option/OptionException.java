package dev.veloera.command.option;

import dev.veloera.command.DomainException;

/** Why {@link SystemSettings} refused an option change. */
public class OptionException extends DomainException {

    OptionException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static OptionException invalid(String message) {
        return new OptionException("invalid_request", 400, message);
    }

    static OptionException forbidden(String message) {
        return new OptionException("forbidden", 403, message);
    }
}
