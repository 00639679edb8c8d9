package dev.veloera.query.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.common.Status;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.catalog.CatalogOrder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code channels} table and its derived {@code abilities}: one row per group × model with
 * the channel's priority and weight, enabled while the channel is. A channel's abilities are
 * rewritten as a whole, so a later change that drops a group or model leaves no stale row.
 */
@Component
@ProcessingGroup("channels")
@Order(CatalogOrder.PROJECTION)
public class ChannelProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;
    private final ObjectMapper objectMapper;

    public ChannelProjection(JdbcClient jdbc, DatabaseEngine engine, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.objectMapper = objectMapper;
    }

    @EventHandler
    public void on(ChannelCreatedEvent event, @Timestamp Instant at) {
        long channelId = ChannelIds.numericId(event.channelId());
        int status = event.status() == 0 ? Status.ENABLED : event.status();
        List<String> models = cleaned(event.models());
        List<String> groups = cleaned(event.groups());
        Map<String, Object> p = new HashMap<>();
        p.put("id", channelId);
        p.put("type", event.type());
        p.put("key", event.key() == null ? "" : event.key());
        p.put("testModel", event.testModel());
        p.put("status", status);
        p.put("name", event.name());
        p.put("weight", event.weight());
        p.put("createdTime", event.createdTime());
        p.put("baseUrl", event.baseUrl() == null ? "" : event.baseUrl());
        p.put("models", String.join(",", models));
        p.put("group", String.join(",", groups));
        p.put("modelMapping", modelMapping(event.modelMapping()));
        p.put("priority", event.priority());
        p.put("at", engine.timestamp(at));
        int updated = jdbc.sql("""
                        UPDATE channels SET type = :type, key_value = :key, test_model = :testModel, status = :status,
                               name = :name, weight = :weight, created_time = :createdTime, base_url = :baseUrl,
                               models = :models, group_name = :group, model_mapping = :modelMapping,
                               priority = :priority, used_quota = 0, response_time = 0, balance = 0,
                               created_at = :at, """ + engine.touchUpdatedAt() + """
                        WHERE id = :id""")
                .params(p)
                .params(engine.touchParameters(at))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO channels (id, type, key_value, test_model, status, name, weight, created_time,
                                                  base_url, models, group_name, model_mapping, priority, used_quota,
                                                  response_time, balance, auto_ban, created_at, updated_at)
                            VALUES (:id, :type, :key, :testModel, :status, :name, :weight, :createdTime, :baseUrl,
                                    :models, :group, :modelMapping, :priority, 0, 0, 0, 1, :at, :at)""")
                    .params(p)
                    .update();
        }
        jdbc.sql("DELETE FROM abilities WHERE channel_id = ?").param(channelId).update();
        for (String group : groups) {
            for (String model : models) {
                jdbc.sql("""
                                INSERT INTO abilities (group_name, model, channel_id, enabled, priority, weight,
                                                       created_at, updated_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(group, model, channelId, status == Status.ENABLED, event.priority(), event.weight(),
                                engine.timestamp(at), engine.timestamp(at))
                        .update();
            }
        }
    }

    /**
     * The status, and the reason beside Veloera's other channel facts in {@code other_info}
     * ({@code status_reason}, {@code status_time}); abilities follow the channel.
     */
    @EventHandler
    public void on(ChannelStatusChangedEvent event, @Timestamp Instant at) {
        long channelId = ChannelIds.numericId(event.channelId());
        String otherInfo = jdbc.sql("SELECT other_info FROM channels WHERE id = ?").param(channelId)
                .query(String.class).optional().orElse(null);
        jdbc.sql("UPDATE channels SET status = :status, other_info = :otherInfo, " + engine.touchUpdatedAt()
                        + " WHERE id = :id")
                .param("status", event.status())
                .param("otherInfo", withStatusReason(otherInfo, event))
                .param("id", channelId)
                .params(engine.touchParameters(at))
                .update();
        jdbc.sql("UPDATE abilities SET enabled = ? WHERE channel_id = ?")
                .params(event.status() == Status.ENABLED, channelId)
                .update();
    }

    /** Abilities reference channels, so they go first. */
    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM abilities").update();
        jdbc.sql("DELETE FROM channels").update();
    }

    private String withStatusReason(String otherInfo, ChannelStatusChangedEvent event) {
        Map<String, Object> info = new TreeMap<>();
        if (otherInfo != null && !otherInfo.isBlank()) {
            try {
                info.putAll(objectMapper.readValue(otherInfo, Map.class));
            } catch (JsonProcessingException e) {
                info.put("previous_other_info", otherInfo);
            }
        }
        info.put("status_reason", event.reason());
        info.put("status_time", event.changedTime());
        try {
            return objectMapper.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("other_info cannot be written as JSON", e);
        }
    }

    private static List<String> cleaned(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    distinct.add(value.strip());
                }
            }
        }
        return List.copyOf(distinct);
    }

    /** Veloera keeps the mapping as a JSON object string; keys sorted so a replay writes the same text. */
    private String modelMapping(Map<String, String> mapping) {
        if (mapping == null || mapping.isEmpty()) {
            return null;
        }
        try {
            return objectMapper.writeValueAsString(new TreeMap<>(mapping));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model mapping cannot be written as JSON", e);
        }
    }
}
