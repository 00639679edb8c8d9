package dev.veloera.analytics.usage;


/** Grouping key of the hourly totals. A missing model groups as "" so that it still has one bucket. */
record UserModel(long userId, String modelName) {

    static UserModel of(HourlyUsage usage) {
        return new UserModel(usage.userId(), usage.model() == null ? "" : usage.model());
    }
}
