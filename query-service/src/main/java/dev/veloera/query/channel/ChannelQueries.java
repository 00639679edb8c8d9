package dev.veloera.query.channel;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

@Repository
class ChannelQueries {

    private static final RowMapper<ChannelView> CHANNEL = (rs, n) -> new ChannelView(
            rs.getLong("id"), rs.getInt("type"), rs.getString("name"), rs.getInt("status"), rs.getString("base_url"),
            rs.getString("models"), rs.getString("group_name"), rs.getLong("priority"), rs.getInt("weight"),
            rs.getString("model_mapping"), rs.getString("test_model"), rs.getLong("created_time"),
            rs.getLong("test_time"), rs.getInt("response_time"), rs.getDouble("balance"), rs.getLong("used_quota"),
            rs.getInt("auto_ban"));

    private final JdbcClient jdbc;

    ChannelQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Never selects {@code key_value}. */
    List<ChannelView> page(PageRequest page) {
        return jdbc.sql("""
                        SELECT id, type, name, status, base_url, models, group_name, priority, weight, model_mapping,
                               test_model, created_time, test_time, response_time, balance, used_quota, auto_ban
                        FROM channels ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(page.pageSize(), page.offset()).query(CHANNEL).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM channels").query(Long.class).single();
    }
}
