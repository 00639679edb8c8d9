package dev.veloera.command.channel;

import dev.veloera.command.DomainException;

/** Why a {@link Channel} refused a command. */
public class ChannelException extends DomainException {

    ChannelException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    static ChannelException invalid(String message) {
        return new ChannelException("invalid_request", 400, message);
    }

    static ChannelException notFound(String message) {
        return new ChannelException("not_found", 404, message);
    }

    static ChannelException forbidden(String message) {
        return new ChannelException("forbidden", 403, message);
    }
}
