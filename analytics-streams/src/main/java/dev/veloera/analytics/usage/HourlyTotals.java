package dev.veloera.analytics.usage;


/** Running totals of one (user, model) in one hour; the username is the latest seen. */
record HourlyTotals(String username, long tokenUsed, long count, long quota) {

    static HourlyTotals none() {
        return new HourlyTotals(null, 0, 0, 0);
    }

    HourlyTotals add(HourlyUsage usage) {
        return new HourlyTotals(usage.username() != null ? usage.username() : username,
                tokenUsed + usage.promptTokens() + usage.completionTokens(), count + 1, quota + usage.quota());
    }
}
