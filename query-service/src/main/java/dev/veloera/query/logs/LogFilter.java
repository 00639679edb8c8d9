package dev.veloera.query.logs;

import dev.veloera.query.web.SqlFilter;

/**
 * The filters of Veloera's log list. Timestamps are epoch seconds, inclusive, compared with
 * {@code logs.created_at}; {@code userId} is set by {@code /api/log/self} only.
 */
record LogFilter(Integer type, Long startTimestamp, Long endTimestamp, String username, String tokenName,
                 String modelName, Long channel, String group, Long userId) {

    LogFilter forUser(long id) {
        return new LogFilter(type, startTimestamp, endTimestamp, null, tokenName, modelName, channel, group, id);
    }

    LogFilter withDefaultType(int defaultType) {
        return type != null ? this
                : new LogFilter(defaultType, startTimestamp, endTimestamp, username, tokenName, modelName, channel, group, userId);
    }

    SqlFilter toSql() {
        return new SqlFilter()
                .and("user_id = ?", userId)
                .and("type = ?", type)
                .and("created_at >= ?", startTimestamp)
                .and("created_at <= ?", endTimestamp)
                .and("username = ?", username)
                .and("token_name = ?", tokenName)
                .and("model_name = ?", modelName)
                .and("channel_id = ?", channel)
                .and("group_name = ?", group);
    }
}
