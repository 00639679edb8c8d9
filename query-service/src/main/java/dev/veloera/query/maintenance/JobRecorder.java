package dev.veloera.query.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what a running job does, and knows when its time budget is spent. */
final class JobRecorder {

    private final String job;
    private final String trigger;
    private final Instant started;
    private final long startedNanos;
    private final long budgetNanos;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private boolean complete = true;

    private static final class Table {
        long rowsDeleted;
        final List<String> created = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        Long catchAllRows;
    }

    JobRecorder(String job, String trigger, Clock clock, Duration budget) {
        this.job = job;
        this.trigger = trigger;
        this.started = clock.instant();
        // durations by the monotonic clock: the business clock (tests fix it) only dates the run and the cutoffs
        this.startedNanos = System.nanoTime();
        this.budgetNanos = budget.toNanos();
    }

    private Table table(String name) {
        return tables.computeIfAbsent(name, n -> new Table());
    }

    void deleted(String table, long rows) {
        table(table).rowsDeleted += rows;
    }

    void created(String table, List<String> names) {
        table(table).created.addAll(names);
    }

    void dropped(String table, List<String> names) {
        table(table).dropped.addAll(names);
    }

    void catchAll(String table, long rows) {
        table(table).catchAllRows = rows;
    }

    void failed(String step, Exception e) {
        complete = false;
        errors.add(step + ": " + e.getMessage());
    }

    boolean outOfTime() {
        if (System.nanoTime() - startedNanos >= budgetNanos) {
            complete = false;
            return true;
        }
        return false;
    }

    JobResult result() {
        Map<String, JobResult.TableResult> byTable = new LinkedHashMap<>();
        long rows = 0;
        int created = 0;
        int dropped = 0;
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            byTable.put(e.getKey(), new JobResult.TableResult(t.rowsDeleted, List.copyOf(t.created),
                    List.copyOf(t.dropped), t.catchAllRows));
            rows += t.rowsDeleted;
            created += t.created.size();
            dropped += t.dropped.size();
        }
        return new JobResult(job, trigger, started.getEpochSecond(),
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), rows, created, dropped, byTable, complete,
                List.copyOf(errors));
    }
}
