package dev.veloera.analytics.usage;

/** Identity of a {@code quota_data} row: the table's unique (user_id, model_name, created_at). */
public record QuotaBucketKey(long userId, String modelName, long createdAt) {
}
