package dev.veloera.query.channel;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Repository
class ChannelQueries {

    private static final String COLUMNS = """
            SELECT id, type, openai_organization, test_model, status, name, weight, created_time, test_time,
                   response_time, base_url, other, balance, balance_updated_time, models, group_name, used_quota,
                   model_mapping, status_code_mapping, priority, auto_ban, other_info, tag, setting, param_override,
                   model_prefix""";
    private static final RowMapper<ChannelView> CHANNEL = (rs, n) -> view(rs, null);

    private final JdbcClient jdbc;

    ChannelQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Never selects {@code key_value}. */
    List<ChannelView> page(PageRequest page, boolean idSort) {
        return jdbc.sql(COLUMNS + " FROM channels ORDER BY " + order(idSort) + " LIMIT ? OFFSET ?")
                .params(page.pageSize(), page.offset()).query(CHANNEL).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM channels").query(Long.class).single();
    }

    /** The one place the key is read: an admin's {@code GET /api/channel/{id}}. */
    Optional<ChannelView> withKey(long id) {
        return jdbc.sql(COLUMNS + ", key_value FROM channels WHERE id = ?").param(id)
                .query((rs, n) -> view(rs, rs.getString("key_value"))).optional();
    }

    /**
     * Veloera's search: {@code keyword} is the id, or part of the name, or the whole key; {@code group} and
     * {@code model} parts of the comma-separated lists. LIKE wildcards in the input are literal.
     */
    List<ChannelView> search(String keyword, String group, String model, boolean idSort) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" FROM channels WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (keyword != null && !keyword.isBlank()) {
            String k = keyword.strip();
            sql.append(" AND (name LIKE ? ESCAPE '!' OR key_value = ? OR base_url LIKE ? ESCAPE '!'");
            params.add("%" + escaped(k) + "%");
            params.add(k);
            params.add("%" + escaped(k) + "%");
            if (k.matches("\\d{1,18}")) {
                sql.append(" OR id = ?");
                params.add(Long.parseLong(k));
            }
            sql.append(")");
        }
        if (group != null && !group.isBlank()) {
            sql.append(" AND group_name LIKE ? ESCAPE '!'");
            params.add("%" + escaped(group.strip()) + "%");
        }
        if (model != null && !model.isBlank()) {
            sql.append(" AND models LIKE ? ESCAPE '!'");
            params.add("%" + escaped(model.strip()) + "%");
        }
        sql.append(" ORDER BY ").append(order(idSort)).append(" LIMIT 1000");
        return jdbc.sql(sql.toString()).params(params).query(CHANNEL).list();
    }

    /** Every model some channel lists, and those an enabled channel serves (abilities), in name order. */
    List<String> models(boolean enabledOnly) {
        String sql = enabledOnly ? "SELECT DISTINCT model FROM abilities WHERE enabled = ? ORDER BY model"
                : "SELECT DISTINCT model FROM abilities ORDER BY model";
        var statement = jdbc.sql(sql);
        return (enabledOnly ? statement.param(true) : statement).query(String.class).list();
    }

    private static String order(boolean idSort) {
        return idSort ? "id DESC" : "priority DESC, id DESC";
    }

    private static String escaped(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static ChannelView view(ResultSet rs, String key) throws SQLException {
        return new ChannelView(rs.getLong("id"), rs.getInt("type"), key, rs.getString("openai_organization"),
                rs.getString("test_model"), rs.getInt("status"), rs.getString("name"), rs.getInt("weight"),
                rs.getLong("created_time"), rs.getLong("test_time"), rs.getInt("response_time"),
                rs.getString("base_url"), rs.getString("other"), rs.getDouble("balance"),
                rs.getLong("balance_updated_time"), rs.getString("models"), rs.getString("group_name"),
                rs.getLong("used_quota"), rs.getString("model_mapping"), rs.getString("status_code_mapping"),
                rs.getLong("priority"), rs.getInt("auto_ban"), rs.getString("other_info"), rs.getString("tag"),
                rs.getString("setting"), rs.getString("param_override"), rs.getString("model_prefix"));
    }
}
