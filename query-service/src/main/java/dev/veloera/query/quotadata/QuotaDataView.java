package dev.veloera.query.quotadata;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One hourly bucket of {@code quota_data}; {@code created_at} is the hour's start in epoch seconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record QuotaDataView(long id, long userId, String username, String modelName, long createdAt, long tokenUsed,
                     long count, long quota) {
}
