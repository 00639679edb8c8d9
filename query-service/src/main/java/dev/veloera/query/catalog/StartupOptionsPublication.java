package dev.veloera.query.catalog;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes every {@code options} row once this service is up, retrying in the background until Kafka takes them.
 * No event changes options yet; when the SystemSettings projection arrives it publishes each change itself
 * ({@link CatalogPublisher#publishOption}) and this start-up pass only repeats the current state.
 */
@Component
class StartupOptionsPublication {

    private static final Logger log = LoggerFactory.getLogger(StartupOptionsPublication.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final CatalogPublisher publisher;
    private volatile Thread worker;

    StartupOptionsPublication(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishInBackground() {
        worker = Thread.ofVirtual().name("catalog-options").start(this::publishUntilDone);
    }

    @PreDestroy
    void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    private void publishUntilDone() {
        Duration wait = FIRST_RETRY;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int count = publisher.publishAllOptions();
                log.info("Published {} options rows to the catalog", count);
                return;
            } catch (RuntimeException e) {
                log.warn("Options not published to the catalog yet, retrying in {}: {}", wait, e.getMessage());
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
    }
}
