package dev.veloera.analytics.sink;

import dev.veloera.analytics.usage.LogEntry;
import dev.veloera.analytics.usage.QuotaBucket;
import dev.veloera.analytics.usage.QuotaBucketKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the topology's rows, each batch in one transaction, so that writing a batch again changes nothing.
 * <p>
 * Values are fitted to the column types (text cut to its VARCHAR length, ids, counts and durations capped
 * at INT) because the sink retries a failed batch until it succeeds: one over-long model name must not stop
 * every later row on PostgreSQL or MySQL. Such a cut is logged. Quota and token totals ({@code logs.quota},
 * {@code quota_data.token_used}, {@code quota_data.quota}) are BIGINT since the schema's V8 and are written
 * as they are.
 */
class AnalyticsRowWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRowWriter.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SqlDialect dialect;

    AnalyticsRowWriter(JdbcTemplate jdbc, TransactionTemplate transaction, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dialect = dialect;
    }

    void insertLogs(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(dialect.insertLog, entries, entries.size(),
                (statement, entry) -> {
                    statement.setString(1, entry.requestId());
                    statement.setLong(2, integer(entry.userId(), "logs.user_id"));
                    statement.setLong(3, entry.createdAt());
                    statement.setInt(4, entry.type());
                    statement.setString(5, entry.content());
                    statement.setString(6, text(entry.username(), 64, "logs.username"));
                    statement.setString(7, text(entry.tokenName(), 255, "logs.token_name"));
                    statement.setString(8, text(entry.modelName(), 255, "logs.model_name"));
                    statement.setLong(9, entry.quota());
                    statement.setInt(10, entry.promptTokens());
                    statement.setInt(11, entry.completionTokens());
                    statement.setLong(12, integer(entry.useTime(), "logs.use_time"));
                    statement.setBoolean(13, entry.stream());
                    statement.setLong(14, integer(entry.channelId(), "logs.channel_id"));
                    statement.setLong(15, integer(entry.tokenId(), "logs.token_id"));
                    statement.setString(16, text(entry.groupName(), 64, "logs.group_name"));
                    statement.setString(17, entry.other());
                }));
    }

    /** Only the newest totals of each bucket in the batch are written: they contain the older ones. */
    void upsertQuotaData(List<QuotaBucket> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        Map<QuotaBucketKey, QuotaBucket> newest = new LinkedHashMap<>();
        buckets.forEach(bucket -> newest.merge(bucket.key(), bucket,
                (earlier, later) -> later.count() >= earlier.count() ? later : earlier));
        Collection<QuotaBucket> rows = new ArrayList<>(newest.values());
        transaction.executeWithoutResult(status -> jdbc.batchUpdate(dialect.upsertQuotaData, rows, rows.size(),
                (statement, bucket) -> {
                    statement.setLong(1, integer(bucket.userId(), "quota_data.user_id"));
                    statement.setString(2, text(bucket.username(), 64, "quota_data.username"));
                    statement.setString(3, text(bucket.modelName(), 64, "quota_data.model_name"));
                    statement.setLong(4, bucket.createdAt());
                    statement.setLong(5, bucket.tokenUsed());
                    statement.setLong(6, integer(bucket.count(), "quota_data.count"));
                    statement.setLong(7, bucket.quota());
                }));
    }

    private static String text(String value, int maxLength, String column) {
        if (value == null || value.codePointCount(0, value.length()) <= maxLength) {
            return value;
        }
        LOG.warn("Cut {} to its {} characters: '{}'", column, maxLength, value);
        return value.substring(0, value.offsetByCodePoints(0, maxLength));
    }

    private static long integer(long value, String column) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return value;
        }
        long capped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
        LOG.warn("Capped {} = {} at the INT column's {}: widen the column to keep such values", column, value, capped);
        return capped;
    }
}
