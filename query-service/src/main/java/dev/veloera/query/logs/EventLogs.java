package dev.veloera.query.logs;

import dev.veloera.query.db.DatabaseEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code logs} rows that come from events rather than from relayed usage: top-ups and redemptions
 * (type 1), admin actions (3), system notes (4), check-ins (5); see {@code contracts.common.LogTypes}.
 * Each row's {@code request_id} is {@code "evt-" + the event's identifier}, so a replay of the event
 * stream writes nothing twice (the same unique key the analytics sink relies on).
 */
@Component
public class EventLogs {

    /** One row; {@code quota} is the amount the event moved (0 when none), {@code createdAt} epoch seconds. */
    public record Entry(String eventId, long userId, String username, int type, String content, long quota,
                        long createdAt, Long tokenId, Long channelId, String other) {
    }

    private final JdbcClient jdbc;
    private final String insert;

    EventLogs(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        String columns = "INSERT INTO logs (request_id, user_id, username, type, content, quota, created_at,"
                + " token_id, channel_id, other) VALUES (:requestId, :userId, :username, :type, :content, :quota,"
                + " :createdAt, :tokenId, :channelId, :other)";
        // No conflict target: the unique key is (request_id) or, partitioned by month, (request_id, created_at).
        this.insert = engine == DatabaseEngine.MYSQL
                ? columns + " ON DUPLICATE KEY UPDATE request_id = request_id"
                : columns + " ON CONFLICT DO NOTHING";
    }

    public void write(Entry entry) {
        jdbc.sql(insert)
                .param("requestId", "evt-" + entry.eventId())
                .param("userId", entry.userId())
                .param("username", entry.username())
                .param("type", entry.type())
                .param("content", entry.content())
                .param("quota", entry.quota())
                .param("createdAt", entry.createdAt())
                .param("tokenId", entry.tokenId())
                .param("channelId", entry.channelId())
                .param("other", entry.other())
                .update();
    }
}
