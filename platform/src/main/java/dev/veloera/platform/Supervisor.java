package dev.veloera.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the platform's service processes and restarts one that died, as a process manager would
 * (systemd's {@code Restart=on-failure}): the death is reported with its exit code and log file, and the
 * restart waits longer after each death in a row ({@link #FIRST_BACKOFF} doubling up to {@link #MAX_BACKOFF})
 * so a service that cannot start does not spin. A service that stayed up for {@link #STABLE_AFTER} is
 * forgiven its earlier deaths.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE_AFTER = Duration.ofMinutes(2);

    private final List<ServiceProcess> services;
    private final Map<ServiceProcess, Watch> watches = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "platform-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    Supervisor(List<ServiceProcess> services) {
        this.services = List.copyOf(services);
    }

    void start() {
        long now = System.nanoTime();
        services.forEach(service -> watches.put(service, new Watch(now)));
        timer.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void check() {
        long now = System.nanoTime();
        for (ServiceProcess service : services) {
            Watch watch = watches.get(service);
            if (service.isAlive()) {
                if (watch.deathsInARow > 0 && now - watch.startedAt > STABLE_AFTER.toNanos()) {
                    watch.deathsInARow = 0;
                }
                continue;
            }
            if (service.isStopping()) {
                continue;
            }
            if (watch.restartAt == 0) {
                watch.deathsInARow++;
                Duration backoff = backoff(watch.deathsInARow);
                watch.restartAt = now + backoff.toNanos();
                log.error("{} exited with code {} (death {} in a row); restarting it in {} s. See {}",
                        service.name(), service.exitCode(), watch.deathsInARow, backoff.toSeconds(), service.logFile());
            } else if (now >= watch.restartAt) {
                try {
                    service.start();
                    watch.startedAt = now;
                    watch.restartAt = 0;
                } catch (Exception e) {
                    watch.restartAt = now + backoff(++watch.deathsInARow).toNanos();
                    log.error("Restarting {} failed: {}", service.name(), e.toString());
                }
            }
        }
    }

    static Duration backoff(int deathsInARow) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(Math.max(deathsInARow - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Watch {
        long startedAt;
        long restartAt;
        int deathsInARow;

        Watch(long startedAt) {
            this.startedAt = startedAt;
        }
    }
}
