package dev.veloera.contracts.api;

/**
 * The management API's envelope: {@code {"success": bool, "message": string, "data": ...}}.
 * Failures carry {@link #data()} = {@code {"code": "<error code>"}} when a machine-readable code exists.
 */
public record ApiResponse<T>(boolean success, String message, T data) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, "", data);
    }

    public static ApiResponse<ErrorDetail> failure(String code, String message) {
        return new ApiResponse<>(false, message, new ErrorDetail(code));
    }

    /** The machine-readable part of a failed management call. */
    public record ErrorDetail(String code) {
    }
}
