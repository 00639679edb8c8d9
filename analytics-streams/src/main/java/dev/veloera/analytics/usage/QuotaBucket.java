package dev.veloera.analytics.usage;

/**
 * One {@code quota_data} row with the absolute totals of its hour so far (never increments), so that
 * the sink may write it any number of times.
 *
 * @param createdAt epoch seconds of the start of the hour (UTC), as Veloera buckets quota_data
 * @param tokenUsed prompt plus completion tokens
 * @param count     requests
 */
public record QuotaBucket(long userId, String username, String modelName, long createdAt, long tokenUsed,
                          long count, long quota) {

    public QuotaBucketKey key() {
        return new QuotaBucketKey(userId, modelName, createdAt);
    }
}
