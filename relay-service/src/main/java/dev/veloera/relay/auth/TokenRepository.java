package dev.veloera.relay.auth;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TokenRepository {

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TokenRow> findByKeyHash(String keyHash) {
        return jdbc.sql("""
                        SELECT t.id, t.name, t.status, t.expired_time, t.group_name, t.model_limits_enabled,
                               t.model_limits, u.id AS user_id, u.username, u.status AS user_status,
                               u.group_name AS user_group
                        FROM tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.key_hash = ? AND t.deleted_at IS NULL AND u.deleted_at IS NULL""")
                .param(keyHash)
                .query((rs, n) -> new TokenRow(rs.getLong("id"), rs.getString("name"), rs.getInt("status"),
                        rs.getLong("expired_time"), rs.getString("group_name"), rs.getBoolean("model_limits_enabled"),
                        rs.getString("model_limits"), rs.getLong("user_id"), rs.getString("username"),
                        rs.getInt("user_status"), rs.getString("user_group")))
                .optional();
    }
}
