package dev.veloera.query.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * What one run of a job did.
 *
 * @param job                the job's name
 * @param trigger            {@code schedule}, {@code startup} or {@code admin:<user id>}
 * @param startedAt          epoch seconds
 * @param durationMs         how long it ran
 * @param rowsDeleted        rows removed, all tables together (rows of dropped partitions are not counted)
 * @param partitionsCreated  partitions created
 * @param partitionsDropped  partitions dropped
 * @param tables             the same per table, with the partitions' names and the catch-all's rows
 * @param complete           false when the time budget ran out (the rest is left for the next run) or a step failed
 * @param errors             failed steps, with the database's message
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobResult(String job, String trigger, long startedAt, long durationMs, long rowsDeleted,
                        int partitionsCreated, int partitionsDropped, Map<String, TableResult> tables,
                        boolean complete, List<String> errors) {

    /** One table's share of a run. {@code catchAllRows} is null when not checked (or not partitioned). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableResult(long rowsDeleted, List<String> partitionsCreated, List<String> partitionsDropped,
                              Long catchAllRows) {
    }
}
