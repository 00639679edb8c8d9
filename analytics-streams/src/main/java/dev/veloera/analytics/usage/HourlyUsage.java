package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;

/**
 * What the hourly totals need of one request, all that crosses the repartition topic by (user, model): about a fifth
 * of a whole {@link UsageRecorded} in JSON (its {@code other} map, ids and address stay behind), so a fifth of the
 * bytes to write, send and read back. Its fields keep their {@code UsageRecorded} names, so a whole record left in the
 * repartition topic by an earlier version reads as one of these (unknown fields are ignored).
 */
record HourlyUsage(long userId, String username, String model, long promptTokens, long completionTokens,
                   long quota) {

    static HourlyUsage of(UsageRecorded usage) {
        return new HourlyUsage(usage.userId(), usage.username(), usage.model(), usage.promptTokens(),
                usage.completionTokens(), usage.quota());
    }
}
