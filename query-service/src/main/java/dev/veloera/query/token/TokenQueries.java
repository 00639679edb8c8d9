package dev.veloera.query.token;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

@Repository
class TokenQueries {

    private static final RowMapper<TokenView> TOKEN = (rs, n) -> new TokenView(
            rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("key_mask"),
            rs.getInt("status"), rs.getLong("created_time"), rs.getLong("accessed_time"), rs.getLong("expired_time"),
            rs.getLong("remain_quota"), rs.getBoolean("unlimited_quota"), rs.getLong("used_quota"),
            rs.getBoolean("model_limits_enabled"), rs.getString("model_limits"), rs.getString("allow_ips"),
            rs.getString("group_name"));

    private final JdbcClient jdbc;

    TokenQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TokenView> pageOfUser(long userId, PageRequest page) {
        return jdbc.sql("""
                        SELECT id, user_id, name, key_mask, status, created_time, accessed_time, expired_time,
                               remain_quota, unlimited_quota, used_quota, model_limits_enabled, model_limits,
                               allow_ips, group_name
                        FROM tokens WHERE user_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(userId, page.pageSize(), page.offset()).query(TOKEN).list();
    }

    long countOfUser(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM tokens WHERE user_id = ? AND deleted_at IS NULL")
                .param(userId).query(Long.class).single();
    }
}
