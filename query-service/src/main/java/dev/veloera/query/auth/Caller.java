package dev.veloera.query.auth;

import dev.veloera.contracts.common.Roles;
import dev.veloera.query.web.ApiException;

/** The user behind a request's bearer access token. Declare it as a handler parameter to require a login. */
public record Caller(long id, String username, int role) {

    public boolean isAdmin() {
        return role >= Roles.ADMIN;
    }

    public boolean isRoot() {
        return role >= Roles.ROOT;
    }

    /** Throws 403 unless the caller is an admin or root. */
    public Caller requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("this needs an admin");
        }
        return this;
    }
}
