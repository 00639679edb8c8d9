package dev.veloera.query.maintenance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The maintenance jobs, by the names the admin endpoint takes; {@code all} runs them in this order. */
public enum MaintenanceJob {
    /** Seed 3.2: the coming months' partitions of logs and quota_data, expired ones dropped, the catch-all checked. */
    PARTITIONS("partitions"),
    /** Seed 4.2: logs and quota_data past retention (whole partitions, then the remaining rows in batches). */
    LOGS("logs"),
    /** Seed 4.2: read-model tokens whose {@code expired_time} has passed. */
    EXPIRED_TOKENS("expired_tokens"),
    /** Seed 4.2: tokens and logs of users with {@code deleted_at} set. */
    DELETED_USERS("deleted_users");

    public static final String ALL = "all";

    private final String wireName;

    MaintenanceJob(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The jobs {@code name} stands for ({@code all} = every job), empty for an unknown name. */
    public static Optional<List<MaintenanceJob>> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.equals(ALL)) {
            return Optional.of(List.of(values()));
        }
        return Arrays.stream(values()).filter(j -> j.wireName.equals(name)).findFirst().map(List::of);
    }
}
