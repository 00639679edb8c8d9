package dev.veloera.command.setup;

import dev.veloera.command.DomainException;

/** Why {@link Setup} refused: it happens once per installation. */
public class SetupException extends DomainException {

    SetupException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static SetupException alreadyCompleted() {
        return new SetupException("setup_completed", 409, "the system has already been set up");
    }

    static SetupException invalid(String message) {
        return new SetupException("invalid_request", 400, message);
    }
}
