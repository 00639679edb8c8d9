package dev.veloera.query.channel;

import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.LogTypes;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.logs.EventLogs;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Admin actions on channels as type-3 (manage) logs of the admin who acted: edits, hand-made status changes and
 * deletions. The gateway's own status changes (auto-disable, auto-enable) are type 4 (system) under user 0.
 */
@Component
@ProcessingGroup("channels")
@Order(CatalogOrder.PROJECTION)
class ChannelManageLogs {

    private final EventLogs logs;
    private final JdbcClient jdbc;

    ChannelManageLogs(EventLogs logs, JdbcClient jdbc) {
        this.logs = logs;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ChannelUpdatedEvent event, EventMessage<?> message) {
        write(message, event.actor(), event.channelId(), "管理员更新了渠道 " + event.settings().name()
                + " (#" + ChannelIds.numericId(event.channelId()) + ")");
    }

    @EventHandler
    void on(ChannelDeletedEvent event, EventMessage<?> message) {
        write(message, event.actor(), event.channelId(), "管理员删除了渠道 " + event.name()
                + " (#" + ChannelIds.numericId(event.channelId()) + ")");
    }

    @EventHandler
    void on(ChannelStatusChangedEvent event, EventMessage<?> message) {
        String what = switch (event.status()) {
            case 1 -> "启用";
            case 2 -> "禁用";
            default -> "自动禁用";
        };
        String reason = event.reason() == null || event.reason().isBlank() ? "" : "，原因：" + event.reason();
        write(message, event.actor(), event.channelId(), (event.actor().isSystem() ? "系统" : "管理员") + what
                + "了渠道 #" + ChannelIds.numericId(event.channelId()) + reason);
    }

    private void write(EventMessage<?> message, Actor actor, String channelId, String content) {
        boolean system = actor == null || actor.isSystem();
        long userId = system ? 0 : actor.userId();
        String username = system ? "system" : jdbc.sql("SELECT username FROM users WHERE id = ?").param(userId)
                .query(String.class).optional().orElse("");
        logs.write(new EventLogs.Entry(message.getIdentifier(), userId, username,
                system ? LogTypes.SYSTEM : LogTypes.MANAGE, content, 0,
                message.getTimestamp().getEpochSecond(), null, ChannelIds.numericId(channelId), null));
    }
}
