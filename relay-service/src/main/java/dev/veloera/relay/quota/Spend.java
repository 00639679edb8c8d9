package dev.veloera.relay.quota;

/**
 * One request's take from a lease: its estimate, held until {@link #finish} swaps it for the actual cost.
 * A free request ({@code estimate == 0}) takes from no lease.
 */
public final class Spend {

    private final Lease lease;
    private final long estimate;
    private final TokenLeases token;

    Spend(Lease lease, long estimate, TokenLeases token) {
        this.lease = lease;
        this.estimate = estimate;
        this.token = token;
    }

    static Spend free(TokenLeases token) {
        return new Spend(null, 0, token);
    }

    /** The lease this request's usage record names, for settlement; null for a free request. */
    public String leaseId() {
        return lease == null ? null : lease.id;
    }

    public long estimate() {
        return estimate;
    }

    /** The request is over and cost {@code actual} (0 when it failed). Call exactly once. */
    public void finish(long actual) {
        token.finished(actual, lease != null);
        if (lease != null) {
            lease.finish(estimate, actual);
        }
    }
}
