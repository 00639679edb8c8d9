package dev.veloera.query.channel;

import dev.veloera.contracts.channel.ChannelBalanceUpdatedEvent;
import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.ChannelTestedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.common.Status;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.db.DatabaseEngine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A channel's edits, deletion, tests and balances into {@code channels}, and its {@code abilities} rewritten as a
 * whole from the edited models × groups (enabled while the channel is, carrying its tag). Events carry every field's
 * current value, so a replay writes the same rows. A deleted channel's rows go, as in Veloera (logs keep its id).
 */
@Component
@ProcessingGroup("channels")
@Order(CatalogOrder.PROJECTION)
public class ChannelEditProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public ChannelEditProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(ChannelUpdatedEvent event, @Timestamp Instant at) {
        long channelId = ChannelIds.numericId(event.channelId());
        ChannelSettings s = event.settings();
        Map<String, Object> p = new HashMap<>();
        p.put("id", channelId);
        p.put("type", s.type());
        p.put("key", s.key());
        p.put("baseUrl", s.baseUrl());
        p.put("organization", blankToNull(s.openaiOrganization()));
        p.put("testModel", blankToNull(s.testModel()));
        p.put("name", s.name());
        p.put("models", String.join(",", s.models()));
        p.put("group", String.join(",", s.groups()));
        p.put("priority", s.priority());
        p.put("weight", s.weight());
        p.put("modelMapping", blankToNull(s.modelMapping()));
        p.put("statusCodeMapping", s.statusCodeMapping());
        p.put("tag", blankToNull(s.tag()));
        p.put("setting", blankToNull(s.setting()));
        p.put("paramOverride", blankToNull(s.paramOverride()));
        p.put("autoBan", s.autoBan());
        p.put("other", s.other());
        p.put("modelPrefix", s.modelPrefix());
        jdbc.sql("""
                        UPDATE channels SET type = :type, key_value = :key, base_url = :baseUrl,
                               openai_organization = :organization, test_model = :testModel, name = :name,
                               models = :models, group_name = :group, priority = :priority, weight = :weight,
                               model_mapping = :modelMapping, status_code_mapping = :statusCodeMapping, tag = :tag,
                               setting = :setting, param_override = :paramOverride, auto_ban = :autoBan,
                               other = :other, model_prefix = :modelPrefix, """ + engine.touchUpdatedAt() + """
                        WHERE id = :id""")
                .params(p)
                .params(engine.touchParameters(at))
                .update();
        Integer status = jdbc.sql("SELECT status FROM channels WHERE id = ?").param(channelId)
                .query(Integer.class).optional().orElse(Status.ENABLED);
        jdbc.sql("DELETE FROM abilities WHERE channel_id = ?").param(channelId).update();
        for (String group : s.groups()) {
            for (String model : s.models()) {
                jdbc.sql("""
                                INSERT INTO abilities (group_name, model, channel_id, enabled, priority, weight, tag,
                                                       created_at, updated_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(group, model, channelId, status == Status.ENABLED, s.priority(), s.weight(),
                                blankToNull(s.tag()), engine.timestamp(at), engine.timestamp(at))
                        .update();
            }
        }
    }

    @EventHandler
    public void on(ChannelDeletedEvent event) {
        long channelId = ChannelIds.numericId(event.channelId());
        jdbc.sql("DELETE FROM abilities WHERE channel_id = ?").param(channelId).update();
        jdbc.sql("DELETE FROM channels WHERE id = ?").param(channelId).update();
    }

    @EventHandler
    public void on(ChannelTestedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE channels SET test_time = :testTime, response_time = :responseTime, "
                        + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("testTime", event.testTime())
                .param("responseTime", (int) Math.min(Integer.MAX_VALUE, event.responseTimeMs()))
                .param("id", ChannelIds.numericId(event.channelId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(ChannelBalanceUpdatedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE channels SET balance = :balance, balance_updated_time = :updatedTime, "
                        + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("balance", event.balance())
                .param("updatedTime", event.updatedTime())
                .param("id", ChannelIds.numericId(event.channelId()))
                .params(engine.touchParameters(at))
                .update();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
