package dev.veloera.command.web;

import dev.veloera.command.DomainException;

/** A refusal decided by the HTTP layer itself (authentication, request shape). */
public class ApiException extends DomainException {

    public ApiException(String code, int httpStatus, String message) {
        super(code, httpStatus, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException("invalid_request", 400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException("unauthorized", 401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException("forbidden", 403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException("not_found", 404, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(code, 409, message);
    }
}
