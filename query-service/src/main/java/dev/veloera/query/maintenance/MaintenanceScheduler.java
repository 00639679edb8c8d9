package dev.veloera.query.maintenance;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Runs every job on {@code veloera.maintenance.cron} and the {@code partitions} job once at startup, on
 * a thread of its own (so neither a slow run nor the application's other scheduled work wait on
 * each other). Off with {@code veloera.maintenance.enabled=false}.
 */
final class MaintenanceScheduler implements SmartLifecycle {

    private final MaintenanceRunner runner;
    private final MaintenanceProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    MaintenanceScheduler(MaintenanceRunner runner, MaintenanceProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("veloera-maintenance-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.schedule(() -> runner.runScheduled(List.of(MaintenanceJob.values()), "schedule"),
                new CronTrigger(properties.cron(), ZoneId.of(properties.zone())));
        if (properties.runAtStartup()) {
            scheduler.schedule(() -> runner.runScheduled(List.of(MaintenanceJob.PARTITIONS), "startup"), Instant.now());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
