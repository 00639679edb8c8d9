package dev.veloera.analytics.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The only SQL that differs between engines: the idempotent writes of the sink.
 * <p>
 * {@code logs}: a duplicate {@code request_id} is skipped. No conflict target is named (and MySQL's
 * no-op update is used instead of {@code INSERT IGNORE}, which would also swallow NOT NULL and
 * truncation errors), so the statement works whether the unique key is {@code (request_id)} or, on
 * a table partitioned by month, {@code (request_id, created_at)}.
 * <p>
 * {@code quota_data}: upsert of the absolute totals, applied only when they are ahead of the stored
 * row ({@code count} grows with every request). A stale record, written late by a sink instance that
 * lost its partition in a rebalance, thus cannot roll a bucket back.
 */
enum SqlDialect {

    SQLITE_OR_POSTGRESQL(
            "INSERT INTO logs (" + LogColumns.NAMES + ") VALUES (" + LogColumns.PLACEHOLDERS + ")"
                    + " ON CONFLICT DO NOTHING",
            "INSERT INTO quota_data (" + QuotaDataColumns.NAMES + ") VALUES (" + QuotaDataColumns.PLACEHOLDERS + ")"
                    + " ON CONFLICT (user_id, model_name, created_at) DO UPDATE SET"
                    + " username = excluded.username, token_used = excluded.token_used,"
                    + " count = excluded.count, quota = excluded.quota"
                    + " WHERE quota_data.count < excluded.count"),

    MYSQL(
            "INSERT INTO logs (" + LogColumns.NAMES + ") VALUES (" + LogColumns.PLACEHOLDERS + ")"
                    + " ON DUPLICATE KEY UPDATE request_id = request_id",
            // MySQL assigns left to right and later expressions see earlier results: count goes last.
            "INSERT INTO quota_data (" + QuotaDataColumns.NAMES + ") VALUES (" + QuotaDataColumns.PLACEHOLDERS + ")"
                    + " ON DUPLICATE KEY UPDATE"
                    + " username = IF(VALUES(count) > count, VALUES(username), username),"
                    + " token_used = IF(VALUES(count) > count, VALUES(token_used), token_used),"
                    + " quota = IF(VALUES(count) > count, VALUES(quota), quota),"
                    + " count = GREATEST(count, VALUES(count))");

    final String insertLog;
    final String upsertQuotaData;

    SqlDialect(String insertLog, String upsertQuotaData) {
        this.insertLog = insertLog;
        this.upsertQuotaData = upsertQuotaData;
    }

    static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database engine the sink writes to", e);
        }
    }

    static SqlDialect forProduct(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("sqlite") || product.contains("postgres")) {
            return SQLITE_OR_POSTGRESQL;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        throw new IllegalStateException("Unsupported database " + productName
                + ": the analytics sink knows SQLite, PostgreSQL and MySQL/MariaDB");
    }

    static final class LogColumns {
        static final String NAMES = "request_id, user_id, created_at, type, content, username, token_name,"
                + " model_name, quota, prompt_tokens, completion_tokens, use_time, is_stream, channel_id,"
                + " token_id, group_name, other";
        static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

        private LogColumns() {
        }
    }

    static final class QuotaDataColumns {
        static final String NAMES = "user_id, username, model_name, created_at, token_used, count, quota";
        static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?";

        private QuotaDataColumns() {
        }
    }
}
