package dev.veloera.query.maintenance;

import java.time.Clock;
import java.time.Period;
import java.time.ZoneOffset;

/** The first {@code created_at} (epoch seconds, UTC) a table's retention keeps; null keeps everything. */
final class RetentionCutoff {

    private RetentionCutoff() {
    }

    static Long of(MaintenanceProperties properties, String table, Clock clock) {
        Period retention = table.equals("quota_data") ? properties.quotaDataRetention() : properties.logRetention();
        if (retention.isZero()) {
            return null;
        }
        return clock.instant().atZone(ZoneOffset.UTC).minus(retention).toEpochSecond();
    }
}
