package dev.veloera.query.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs maintenance jobs one run at a time in this process (the schedule and the admin endpoint share
 * it) and keeps each job's last result for {@code GET /api/status/db}. Several query-service replicas
 * may run at the same time: every step tolerates another doing the same (partitions are created only
 * when missing, a failed DDL is reported and retried on the next run, batched DELETEs simply find
 * fewer rows).
 */
public class MaintenanceRunner {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceRunner.class);

    private final PartitionMaintenance partitions;
    private final CleanupJobs cleanup;
    private final MaintenanceMetrics metrics;
    private final MaintenanceProperties properties;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final Map<String, JobResult> last = new LinkedHashMap<>();

    MaintenanceRunner(PartitionMaintenance partitions, CleanupJobs cleanup, MaintenanceMetrics metrics,
                      MaintenanceProperties properties, Clock clock) {
        this.partitions = partitions;
        this.cleanup = cleanup;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** A run asked by an admin: bounded by {@code request-time-budget}; empty when a run is already going on. */
    public Optional<List<JobResult>> runNow(List<MaintenanceJob> jobs, String trigger) {
        return run(jobs, trigger, properties.requestTimeBudget());
    }

    /** A scheduled run, bounded by {@code job-time-budget} per job; empty when a run is already going on. */
    public Optional<List<JobResult>> runScheduled(List<MaintenanceJob> jobs, String trigger) {
        return run(jobs, trigger, properties.jobTimeBudget());
    }

    private Optional<List<JobResult>> run(List<MaintenanceJob> jobs, String trigger, Duration budget) {
        if (!running.tryLock()) {
            log.info("Maintenance {} skipped: a run is already going on", jobs);
            return Optional.empty();
        }
        try {
            List<JobResult> results = new ArrayList<>();
            for (MaintenanceJob job : jobs) {
                JobRecorder recorder = new JobRecorder(job.wireName(), trigger, clock, budget);
                try {
                    switch (job) {
                        case PARTITIONS -> partitions.run(recorder);
                        case LOGS -> cleanup.logs(recorder);
                        case EXPIRED_TOKENS -> cleanup.expiredTokens(recorder);
                        case DELETED_USERS -> cleanup.deletedUsers(recorder);
                    }
                } catch (RuntimeException e) {
                    log.warn("Maintenance job {} failed: {}", job.wireName(), e.getMessage(), e);
                    recorder.failed(job.wireName(), e);
                }
                JobResult result = recorder.result();
                metrics.record(result);
                synchronized (last) {
                    last.put(job.wireName(), result);
                }
                if (result.rowsDeleted() > 0 || result.partitionsCreated() > 0 || result.partitionsDropped() > 0
                        || !result.errors().isEmpty()) {
                    log.info("Maintenance {} ({}): {} rows deleted, {} partitions created, {} dropped in {} ms{}",
                            job.wireName(), trigger, result.rowsDeleted(), result.partitionsCreated(),
                            result.partitionsDropped(), result.durationMs(),
                            result.errors().isEmpty() ? "" : ", errors " + result.errors());
                }
                results.add(result);
            }
            return Optional.of(results);
        } finally {
            running.unlock();
        }
    }

    /** The last result of each job that ran since startup. */
    public Map<String, JobResult> lastResults() {
        synchronized (last) {
            return Map.copyOf(last);
        }
    }
}
