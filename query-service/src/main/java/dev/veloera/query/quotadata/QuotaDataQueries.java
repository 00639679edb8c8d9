package dev.veloera.query.quotadata;

import dev.veloera.query.web.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Reads the hourly {@code quota_data} buckets that analytics-streams fills. */
@Repository
class QuotaDataQueries {

    /** A dashboard never needs more buckets than this; it bounds a careless unfiltered call. */
    static final int MAX_ROWS = 5000;

    private static final RowMapper<QuotaDataView> BUCKET = (rs, n) -> new QuotaDataView(
            rs.getLong("id"), rs.getLong("user_id"), rs.getString("username"), rs.getString("model_name"),
            rs.getLong("created_at"), rs.getLong("token_used"), rs.getLong("count"), rs.getLong("quota"));

    private final JdbcClient jdbc;

    QuotaDataQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<QuotaDataView> find(Long userId, String username, Long startTimestamp, Long endTimestamp) {
        SqlFilter sql = new SqlFilter()
                .and("user_id = ?", userId)
                .and("username = ?", username)
                .and("created_at >= ?", startTimestamp)
                .and("created_at <= ?", endTimestamp);
        return jdbc.sql("SELECT id, user_id, username, model_name, created_at, token_used, count, quota FROM quota_data"
                        + sql.where() + " ORDER BY created_at ASC, id ASC LIMIT ?")
                .params(sql.parametersWith(MAX_ROWS)).query(BUCKET).list();
    }
}
