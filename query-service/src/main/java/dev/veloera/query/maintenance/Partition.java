package dev.veloera.query.maintenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One partition of {@code logs} or {@code quota_data}: rows with {@code from <= created_at < to}
 * (epoch seconds). {@code from} is null where the engine has no lower bound (MySQL's first
 * partition also holds everything older); the catch-all has neither bound.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Partition(String table, String name, Long from, Long to, boolean catchAll, long estimatedRows) {

    /** Whether every row this partition can hold is older than {@code cutoff}. */
    boolean entirelyBefore(long cutoff) {
        return !catchAll && to != null && to <= cutoff;
    }

    /** Whether this partition holds the whole range {@code [start, end)}. */
    boolean covers(long start, long end) {
        return !catchAll && (from == null || from <= start) && to != null && to >= end;
    }
}
