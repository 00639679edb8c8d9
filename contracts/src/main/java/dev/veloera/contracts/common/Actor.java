package dev.veloera.contracts.common;

/**
 * Who caused an event: a user with the role they held when acting, or the system itself
 * (settlement from the usage topic, expiry deadlines). Every event carries one so the audit
 * trail answers "who changed this balance".
 */
public record Actor(long userId, int role) {

    /** The gateway acting on its own behalf; user id 0 is never a real user. */
    public static final Actor SYSTEM = new Actor(0, Roles.SYSTEM);

    public boolean isSystem() {
        return userId == 0 && role == Roles.SYSTEM;
    }

    public boolean isAdmin() {
        return isSystem() || role >= Roles.ADMIN;
    }
}
