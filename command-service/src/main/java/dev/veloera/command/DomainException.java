package dev.veloera.command;

/**
 * An aggregate's refusal: a machine-readable code and the HTTP status the API answers with. Each
 * aggregate has one small subclass; they are never retried.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    protected DomainException(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
