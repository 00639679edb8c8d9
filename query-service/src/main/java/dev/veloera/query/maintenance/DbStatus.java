package dev.veloera.query.maintenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/status/db}: seed section 5 as figures.
 *
 * @param engine             {@code sqlite}, {@code postgresql} or {@code mysql}
 * @param version            the server's product name and version
 * @param pool               Hikari's figures; null when the DataSource is not a Hikari pool
 * @param tables             {@code logs} and {@code quota_data}
 * @param lastMaintenance    the last result of each maintenance job since startup
 * @param slowQueryThreshold {@code veloera.db.slow-query-threshold} (ISO-8601), default {@code PT2S}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DbStatus(String engine, String version, Pool pool, Map<String, TableStatus> tables,
                       Map<String, JobResult> lastMaintenance, String slowQueryThreshold, long slowQueryThresholdMs) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pool(String name, int active, int idle, int total, int pending, int max) {
    }

    /**
     * @param rows         row count: the catalog's estimate where {@code estimated} (PostgreSQL, MySQL), exact on SQLite
     * @param partitioned  whether the table is partitioned by month
     * @param partitions   the partitions with their bounds (epoch seconds) and estimated rows
     * @param catchAllRows exact rows in the catch-all partition (should be 0); null when unpartitioned
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TableStatus(long rows, boolean estimated, boolean partitioned, List<Partition> partitions,
                              Long catchAllRows) {
    }
}
