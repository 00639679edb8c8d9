package dev.veloera.contracts.redemption;

/** {@code redemptions.status}, Veloera's numbers: enabled, disabled by an admin, used up. */
public final class RedemptionStatus {
    public static final int ENABLED = 1;
    public static final int DISABLED = 2;
    public static final int USED = 3;

    private RedemptionStatus() {
    }
}
