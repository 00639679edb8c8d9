package dev.veloera.query.logs;

import dev.veloera.query.web.PageRequest;
import dev.veloera.query.web.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code logs} table that analytics-streams fills. */
@Repository
class LogQueries {

    private static final RowMapper<LogView> LOG = (rs, n) -> new LogView(
            rs.getLong("id"), rs.getLong("user_id"), rs.getLong("created_at"), rs.getInt("type"),
            rs.getString("content"), rs.getString("username"), rs.getString("token_name"), rs.getString("model_name"),
            rs.getLong("quota"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("use_time"),
            rs.getBoolean("is_stream"), rs.getLong("channel_id"), rs.getLong("token_id"), rs.getString("group_name"),
            rs.getString("other"), rs.getString("request_id"));

    private final JdbcClient jdbc;

    LogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SELECT = """
            SELECT id, user_id, created_at, type, content, username, token_name, model_name, quota,
                   prompt_tokens, completion_tokens, use_time, is_stream, channel_id, token_id, group_name,
                   other, request_id
            FROM logs""";

    List<LogView> page(LogFilter filter, PageRequest page) {
        SqlFilter sql = filter.toSql();
        return jdbc.sql(SELECT + sql.where() + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(sql.parametersWith(page.pageSize(), page.offset()))
                .query(LOG).list();
    }

    long count(LogFilter filter) {
        SqlFilter sql = filter.toSql();
        return jdbc.sql("SELECT COUNT(*) FROM logs" + sql.where()).params(sql.parameters()).query(Long.class).single();
    }

    /** Newest first: logs of {@code type}, or (admin search) whose content starts with {@code contentPrefix}. */
    List<LogView> search(Integer type, String contentPrefix, Long userId, int limit) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (userId != null) {
            where.append("user_id = ? AND ");
            params.add(userId);
        }
        if (contentPrefix != null) {
            where.append(type != null ? "(type = ? OR content LIKE ? ESCAPE '!')" : "content LIKE ? ESCAPE '!'");
            if (type != null) {
                params.add(type);
            }
            params.add(contentPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        } else {
            where.append("type = ?");
            params.add(type);
        }
        params.add(limit);
        return jdbc.sql(SELECT + " WHERE " + where + " ORDER BY id DESC LIMIT ?").params(params).query(LOG).list();
    }

    /** The logs of the caller's token whose key is {@code key} (matched by its hash, the only form kept). */
    List<LogView> ofKey(long userId, String key, int limit) {
        String full = key.startsWith("sk-") ? key : "sk-" + key;
        List<Long> tokenIds = jdbc.sql("SELECT id FROM tokens WHERE key_hash = ? AND user_id = ?")
                .params(keyHash(full), userId).query(Long.class).list();
        if (tokenIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE token_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?")
                .params(tokenIds.getFirst(), userId, limit).query(LOG).list();
    }

    /** Requests and prompt + completion tokens matching {@code filter}. */
    long[] requestsAndTokens(LogFilter filter) {
        SqlFilter sql = filter.toSql();
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0) + COALESCE(SUM(completion_tokens), 0) FROM logs"
                        + sql.where())
                .params(sql.parameters())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private static String keyHash(String key) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    long sumQuota(LogFilter filter) {
        SqlFilter sql = filter.toSql();
        Long sum = jdbc.sql("SELECT COALESCE(SUM(quota), 0) FROM logs" + sql.where())
                .params(sql.parameters()).query(Long.class).single();
        return sum == null ? 0 : sum;
    }
}
