package dev.veloera.contracts.common;

/** Status codes shared by users, tokens and channels, as numbered in the seed. */
public final class Status {
    public static final int ENABLED = 1;
    public static final int DISABLED = 2;
    /** Channels only: disabled by the gateway after upstream failures. */
    public static final int AUTO_DISABLED = 3;

    private Status() {
    }
}
