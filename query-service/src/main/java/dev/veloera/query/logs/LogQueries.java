package dev.veloera.query.logs;

import dev.veloera.query.web.PageRequest;
import dev.veloera.query.web.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    List<LogView> page(LogFilter filter, PageRequest page) {
        SqlFilter sql = filter.toSql();
        return jdbc.sql("""
                        SELECT id, user_id, created_at, type, content, username, token_name, model_name, quota,
                               prompt_tokens, completion_tokens, use_time, is_stream, channel_id, token_id, group_name,
                               other, request_id
                        FROM logs""" + sql.where() + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(sql.parametersWith(page.pageSize(), page.offset()))
                .query(LOG).list();
    }

    long count(LogFilter filter) {
        SqlFilter sql = filter.toSql();
        return jdbc.sql("SELECT COUNT(*) FROM logs" + sql.where()).params(sql.parameters()).query(Long.class).single();
    }

    long sumQuota(LogFilter filter) {
        SqlFilter sql = filter.toSql();
        Long sum = jdbc.sql("SELECT COALESCE(SUM(quota), 0) FROM logs" + sql.where())
                .params(sql.parameters()).query(Long.class).single();
        return sum == null ? 0 : sum;
    }
}
