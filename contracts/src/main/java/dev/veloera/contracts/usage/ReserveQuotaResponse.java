package dev.veloera.contracts.usage;

/** A granted reservation: settle it with {@code reservationId} in the usage record. */
public record ReserveQuotaResponse(String reservationId, long amount, long expiresAt) {
}
