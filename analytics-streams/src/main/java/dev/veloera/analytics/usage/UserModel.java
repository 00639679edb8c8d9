package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;

/** Grouping key of the hourly totals. A missing model groups as "" so that it still has one bucket. */
record UserModel(long userId, String modelName) {

    static UserModel of(UsageRecorded usage) {
        return new UserModel(usage.userId(), usage.model() == null ? "" : usage.model());
    }
}
