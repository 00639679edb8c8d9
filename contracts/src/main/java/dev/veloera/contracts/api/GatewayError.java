package dev.veloera.contracts.api;

/**
 * Every refusal the gateway can give a relay client, with the HTTP status and OpenAI error type it
 * maps to. Command-service refuses reservations with these codes; relay-service turns them into
 * {@link OpenAiError} bodies.
 */
public enum GatewayError {
    INVALID_API_KEY("invalid_api_key", 401, "invalid_request_error"),
    USER_DISABLED("user_disabled", 403, "veloera_error"),
    INSUFFICIENT_USER_QUOTA("insufficient_user_quota", 403, "insufficient_quota"),
    TOKEN_QUOTA_EXHAUSTED("token_quota_exhausted", 403, "insufficient_quota"),
    MODEL_NOT_ALLOWED("model_not_allowed", 403, "invalid_request_error"),
    MODEL_NOT_FOUND("model_not_found", 503, "invalid_request_error"),
    INVALID_REQUEST("invalid_request", 400, "invalid_request_error"),
    /** ModelRequestRateLimit reached (relay); OpenAI's own type for it. */
    RATE_LIMITED("rate_limit_exceeded", 429, "requests"),
    /** A request body over the relay's limit. */
    REQUEST_TOO_LARGE("request_too_large", 413, "invalid_request_error"),
    UPSTREAM_ERROR("upstream_error", 502, "upstream_error"),
    INTERNAL_ERROR("internal_error", 500, "veloera_error");

    private final String code;
    private final int httpStatus;
    private final String type;

    GatewayError(String code, int httpStatus, String type) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.type = type;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String type() {
        return type;
    }

    /** The constant for a code, or {@link #INTERNAL_ERROR} for one this version does not know. */
    public static GatewayError fromCode(String code) {
        for (GatewayError e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        return INTERNAL_ERROR;
    }
}
