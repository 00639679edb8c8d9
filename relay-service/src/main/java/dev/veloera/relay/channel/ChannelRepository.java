package dev.veloera.relay.channel;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.common.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ChannelRepository {

    private static final Logger log = LoggerFactory.getLogger(ChannelRepository.class);
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ChannelRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Channel> findEnabled(String group, String model) {
        return jdbc.sql("""
                        SELECT c.id, c.name, c.type, c.key_value, c.base_url, c.model_mapping, a.priority, a.weight
                        FROM abilities a JOIN channels c ON c.id = a.channel_id
                        WHERE a.group_name = ? AND a.model = ? AND a.enabled = ? AND c.status = ?""")
                .params(group, model, true, Status.ENABLED)
                .query((rs, n) -> new Channel(rs.getLong("id"), rs.getString("name"), rs.getInt("type"),
                        rs.getString("key_value"), rs.getString("base_url"),
                        parseMapping(rs.getLong("id"), rs.getString("model_mapping")),
                        rs.getLong("priority"), rs.getInt("weight")))
                .list();
    }

    List<ModelEntry> findModels(String group) {
        return jdbc.sql("""
                        SELECT DISTINCT a.model, c.type
                        FROM abilities a JOIN channels c ON c.id = a.channel_id
                        WHERE a.group_name = ? AND a.enabled = ? AND c.status = ?
                        ORDER BY a.model""")
                .params(group, true, Status.ENABLED)
                .query((rs, n) -> new ModelEntry(rs.getString("model"), rs.getInt("type")))
                .list();
    }

    private Map<String, String> parseMapping(long channelId, String mapping) {
        if (mapping == null || mapping.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> parsed = json.readValue(mapping, MAPPING);
            return parsed == null ? Map.of() : Map.copyOf(parsed);
        } catch (Exception e) {
            log.warn("Channel {} has a model_mapping that is not a JSON object of strings; relaying model names "
                    + "unchanged. Fix it in the channel settings.", channelId);
            return Map.of();
        }
    }
}
