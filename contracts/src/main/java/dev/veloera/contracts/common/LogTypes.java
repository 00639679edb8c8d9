package dev.veloera.contracts.common;

/**
 * The {@code logs.type} values, Veloera's 1 to 5 plus our own 6: Veloera files a failed relay request
 * under 5 beside check-ins, which makes its check-in history wrong, so failures get their own number.
 */
public final class LogTypes {
    public static final int TOP_UP = 1;
    public static final int CONSUME = 2;
    public static final int MANAGE = 3;
    public static final int SYSTEM = 4;
    public static final int CHECK_IN = 5;
    public static final int ERROR = 6;

    private LogTypes() {
    }
}
