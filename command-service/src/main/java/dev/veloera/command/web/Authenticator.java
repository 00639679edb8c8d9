package dev.veloera.command.web;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AccessTokenHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Resolves {@code Authorization: Bearer <access_token>} through the command side's own lookup
 * table {@code cmd_user_directory}, which holds only the token's hash (kept current in the same transaction as the events), never
 * through the read model.
 */
@Component
public class Authenticator {

    private final JdbcTemplate jdbc;

    public Authenticator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller behind the bearer, or 401/403. */
    public Actor user(String authorization) {
        String token = bearer(authorization);
        List<int[]> rows = jdbc.query("SELECT user_id, role, status FROM cmd_user_directory WHERE access_token = ?",
                (rs, n) -> new int[]{(int) rs.getLong(1), rs.getInt(2), rs.getInt(3)}, AccessTokenHash.of(token));
        if (rows.isEmpty()) {
            throw ApiException.unauthorized("invalid access token, log in again");
        }
        int[] row = rows.getFirst();
        if (row[2] != Status.ENABLED) {
            throw ApiException.forbidden("the user is disabled");
        }
        return new Actor(row[0], row[1]);
    }

    /** The caller, who must be an admin (role 10) or root, else 403. */
    public Actor admin(String authorization) {
        Actor actor = user(authorization);
        if (actor.role() < Roles.ADMIN) {
            throw ApiException.forbidden("admin role required");
        }
        return actor;
    }

    /** The caller, who must be root (role 100), else 403: options are root's alone, as in Veloera. */
    public Actor root(String authorization) {
        Actor actor = user(authorization);
        if (actor.role() < Roles.ROOT) {
            throw ApiException.forbidden("root role required");
        }
        return actor;
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing Authorization: Bearer <access_token>");
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        if (value.isEmpty()) {
            throw ApiException.unauthorized("missing access token");
        }
        return value;
    }
}
