package dev.veloera.query.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.catalog.CatalogOption;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model's rows as catalog entries. Read through the projection's own transaction (same thread, same
 * connection), so an entry is the row as the projection just wrote it, committed or not. A soft-deleted row
 * reads as absent: its entry is a tombstone.
 */
@Repository
class CatalogRows {

    private static final Logger log = LoggerFactory.getLogger(CatalogRows.class);
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CatalogRows(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<CatalogUser> user(long id) {
        return jdbc.sql("SELECT id, username, status, group_name, role FROM users WHERE id = ? AND deleted_at IS NULL")
                .param(id)
                .query((rs, n) -> new CatalogUser(rs.getLong("id"), rs.getString("username"), rs.getInt("status"),
                        orEmpty(rs.getString("group_name")), rs.getInt("role")))
                .optional();
    }

    Optional<CatalogToken> token(long id) {
        return jdbc.sql("""
                        SELECT id, user_id, name, key_hash, status, expired_time, unlimited_quota, model_limits_enabled,
                               model_limits, allow_ips, group_name
                        FROM tokens WHERE id = ? AND deleted_at IS NULL""")
                .param(id)
                .query((rs, n) -> new CatalogToken(rs.getLong("id"), rs.getLong("user_id"), orEmpty(rs.getString("name")),
                        rs.getString("key_hash").strip(), rs.getInt("status"), rs.getLong("expired_time"),
                        rs.getBoolean("unlimited_quota"), rs.getBoolean("model_limits_enabled"),
                        list(rs.getString("model_limits")), orEmpty(rs.getString("allow_ips")),
                        orEmpty(rs.getString("group_name"))))
                .optional();
    }

    Optional<CatalogChannel> channel(long id) {
        return jdbc.sql("""
                        SELECT id, name, type, key_value, base_url, status, models, group_name, priority, weight,
                               model_mapping, status_code_mapping, param_override, setting, auto_ban, other
                        FROM channels WHERE id = ?""")
                .param(id)
                .query((rs, n) -> channel(rs))
                .optional();
    }

    Optional<CatalogOption> option(String key) {
        return jdbc.sql("SELECT key_name, value FROM options WHERE key_name = ?")
                .param(key)
                .query((rs, n) -> new CatalogOption(rs.getString("key_name"), rs.getString("value")))
                .optional();
    }

    List<String> optionKeys() {
        return jdbc.sql("SELECT key_name FROM options ORDER BY key_name").query(String.class).list();
    }

    private CatalogChannel channel(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new CatalogChannel(id, orEmpty(rs.getString("name")), rs.getInt("type"), orEmpty(rs.getString("key_value")),
                orEmpty(rs.getString("base_url")), rs.getInt("status"), list(rs.getString("models")),
                list(rs.getString("group_name")), rs.getLong("priority"), rs.getInt("weight"),
                mapping(id, "model_mapping", rs.getString("model_mapping")),
                mapping(id, "status_code_mapping", rs.getString("status_code_mapping")),
                object(id, "param_override", rs.getString("param_override")),
                object(id, "setting", rs.getString("setting")),
                rs.getObject("auto_ban") == null || rs.getInt("auto_ban") != 0, orEmpty(rs.getString("other")));
    }

    /** Veloera stores lists as comma-separated text. */
    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private Map<String, String> mapping(long channelId, String column, String mapping) {
        if (mapping == null || mapping.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> parsed = json.readValue(mapping, MAPPING);
            return parsed == null ? Map.of() : parsed;
        } catch (Exception e) {
            log.warn("Channel {} has a {} that is not a JSON object of strings; publishing it without one. "
                    + "Fix it in the channel settings.", channelId, column);
            return Map.of();
        }
    }

    private Map<String, Object> object(long channelId, String column, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = json.readValue(value, OBJECT);
            return parsed == null ? Map.of() : parsed;
        } catch (Exception e) {
            log.warn("Channel {} has a {} that is not a JSON object; publishing it without one. "
                    + "Fix it in the channel settings.", channelId, column);
            return Map.of();
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
