package dev.veloera.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who caused an event: a user with the role they held when acting, or the system itself
 * (settlement from the usage topic, expiry deadlines). Every event carries one so the audit
 * trail answers "who changed this balance".
 * <p>
 * Serialized as {@code {"userId", "role"}} only: {@link #isSystem()} and {@link #isAdmin()} are
 * derived. Unknown properties (such as the {@code system}/{@code admin} that early events stored)
 * are ignored when reading.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Actor(long userId, int role) {

    /** The gateway acting on its own behalf; user id 0 is never a real user. */
    public static final Actor SYSTEM = new Actor(0, Roles.SYSTEM);

    @JsonIgnore
    public boolean isSystem() {
        return userId == 0 && role == Roles.SYSTEM;
    }

    @JsonIgnore
    public boolean isAdmin() {
        return isSystem() || role >= Roles.ADMIN;
    }
}
