package dev.veloera.query.maintenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The answer of {@code POST /api/maintenance/cleanup}: totals and each job's result. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CleanupReport(long rowsDeleted, int partitionsCreated, int partitionsDropped, long durationMs,
                            boolean complete, List<JobResult> jobs) {

    static CleanupReport of(List<JobResult> jobs) {
        return new CleanupReport(jobs.stream().mapToLong(JobResult::rowsDeleted).sum(),
                jobs.stream().mapToInt(JobResult::partitionsCreated).sum(),
                jobs.stream().mapToInt(JobResult::partitionsDropped).sum(),
                jobs.stream().mapToLong(JobResult::durationMs).sum(),
                jobs.stream().allMatch(JobResult::complete), jobs);
    }
}
