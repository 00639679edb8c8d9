package dev.veloera.contracts.usage;

/**
 * Body of command-service's internal {@code POST /internal/quota/reservations}, called by the relay
 * with the header {@code X-Veloera-Internal-Secret}. {@code requestId} becomes the reservation id,
 * so a retried call reserves once. Answers {@code ApiResponse<ReserveQuotaResponse>}; a refusal
 * answers {@code success=false} with the {@link dev.veloera.contracts.api.GatewayError} code in
 * {@code data.code} and that error's HTTP status.
 */
public record ReserveQuotaRequest(String requestId, long userId, long tokenId, String model, long amount) {

    public static final String PATH = "/internal/quota/reservations";
    public static final String SECRET_HEADER = "X-Veloera-Internal-Secret";
}
