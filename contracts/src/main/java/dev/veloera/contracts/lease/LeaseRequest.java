package dev.veloera.contracts.lease;

/**
 * Body of command-service's internal {@code POST /internal/quota/leases} (header
 * {@code X-Veloera-Internal-Secret}): relay instance {@code relayInstance} asks for a lease on one token.
 * {@code leaseId} (a fresh UUID from the relay) makes a retried call grant once. The grant holds at least
 * {@code minimum} (the estimate of the request waiting for it; refused when that much is not available)
 * and at most {@code wanted}, less where the sizing cap or the balance says so.
 *
 * <p>Answers {@code ApiResponse<LeaseGrant>}; a refusal answers {@code success=false} with the
 * {@link dev.veloera.contracts.api.GatewayError} code in {@code data.code} and that error's HTTP status
 * ({@code insufficient_user_quota}, {@code token_quota_exhausted}, {@code invalid_api_key}, …).
 */
public record LeaseRequest(String leaseId, long userId, long tokenId, String relayInstance, long minimum,
                           long wanted) {

    public static final String PATH = "/internal/quota/leases";
    public static final String RETURN_PATH = "/internal/quota/leases/return";
}
