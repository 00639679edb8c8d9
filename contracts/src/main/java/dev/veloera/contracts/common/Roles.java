package dev.veloera.contracts.common;

/** User roles, numbered as in the seed's {@code users.role} column. */
public final class Roles {
    public static final int COMMON = 1;
    public static final int ADMIN = 10;
    public static final int ROOT = 100;
    /** Above every human role: only the gateway itself acts with it. */
    public static final int SYSTEM = 1000;

    private Roles() {
    }
}
