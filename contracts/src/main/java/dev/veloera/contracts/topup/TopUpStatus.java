package dev.veloera.contracts.topup;

/** {@code topups.status} as the seed numbers it; the read API answers Veloera's words ({@link #word(int)}). */
public final class TopUpStatus {
    public static final int PENDING = 1;
    public static final int PAID = 2;
    public static final int CANCELLED = 3;

    private TopUpStatus() {
    }

    /** Veloera's {@code status} strings: {@code pending}, {@code success}; ours adds {@code cancelled}. */
    public static String word(int status) {
        return switch (status) {
            case PAID -> "success";
            case CANCELLED -> "cancelled";
            default -> "pending";
        };
    }
}
