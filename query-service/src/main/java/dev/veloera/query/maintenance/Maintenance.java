package dev.veloera.query.maintenance;

import dev.veloera.query.db.DatabaseEngine;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.time.Clock;

/** The jobs wired together for one DataSource (used by the Spring configuration and by tests). */
record Maintenance(MaintenanceRunner runner, PartitionMaintenance partitions, CleanupJobs cleanup,
                   LogHistory logHistory) {

    static Maintenance create(DataSource dataSource, DatabaseEngine engine, MaintenanceProperties properties,
                              Clock clock, MeterRegistry registry) {
        MaintenanceDialect dialect = MaintenanceDialect.of(engine);
        BoundedJdbc jdbc = new BoundedJdbc(dataSource, dialect, properties);
        PartitionMaintenance partitions = new PartitionMaintenance(jdbc, dialect, properties, clock);
        CleanupJobs cleanup = new CleanupJobs(jdbc, dialect, partitions, properties, clock);
        MaintenanceRunner runner = new MaintenanceRunner(partitions, cleanup, new MaintenanceMetrics(registry),
                properties, clock);
        return new Maintenance(runner, partitions, cleanup, new LogHistory(jdbc, dialect, partitions, cleanup, clock));
    }
}
