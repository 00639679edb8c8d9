package dev.veloera.query.token;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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

    private static final String COLUMNS = """
            SELECT id, user_id, name, key_mask, status, created_time, accessed_time, expired_time,
                   remain_quota, unlimited_quota, used_quota, model_limits_enabled, model_limits,
                   allow_ips, group_name
            FROM tokens""";

    /** The user's token, absent when it is another user's or deleted. */
    Optional<TokenView> ofUser(long userId, long id) {
        return jdbc.sql(COLUMNS + " WHERE id = ? AND user_id = ? AND deleted_at IS NULL")
                .params(id, userId).query(TOKEN).optional();
    }

    /**
     * Veloera's search: names starting with {@code keyword}; {@code key} a full key (matched by its hash, the only
     * form stored) or the tail of one (matched against the masked key's last characters). At most 100 rows.
     */
    List<TokenView> search(long userId, String keyword, String key) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE user_id = ? AND deleted_at IS NULL");
        List<Object> params = new ArrayList<>(List.of(userId));
        if (keyword != null && !keyword.isBlank()) {
            sql.append(" AND name LIKE ? ESCAPE '!'");
            params.add(escaped(keyword.strip()) + "%");
        }
        if (key != null && !key.isBlank()) {
            String full = key.strip().startsWith("sk-") ? key.strip() : "sk-" + key.strip();
            sql.append(" AND (key_hash = ? OR key_mask LIKE ? ESCAPE '!')");
            params.add(hash(full));
            params.add("%" + escaped(key.strip()));
        }
        sql.append(" ORDER BY id DESC LIMIT 100");
        return jdbc.sql(sql.toString()).params(params).query(TOKEN).list();
    }

    private static String escaped(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String hash(String key) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
