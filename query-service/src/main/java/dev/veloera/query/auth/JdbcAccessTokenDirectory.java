package dev.veloera.query.auth;

import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AccessTokenHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Looks bearers up, hashed, in the read model's {@code users.access_token} (projected from {@code AccessTokenReplacedEvent}). */
@Repository
class JdbcAccessTokenDirectory implements AccessTokenDirectory {

    private final JdbcClient jdbc;

    JdbcAccessTokenDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Holder> findByAccessToken(String accessToken) {
        return jdbc.sql("SELECT id, username, role, status FROM users WHERE access_token = ? AND deleted_at IS NULL")
                .param(AccessTokenHash.of(accessToken))
                .query((rs, n) -> new Holder(new Caller(rs.getLong("id"), rs.getString("username"), rs.getInt("role")),
                        rs.getInt("status") != Status.ENABLED))
                .optional();
    }
}
