package dev.veloera.relay.usage;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Always UP: with Kafka away the relay still serves and keeps usage in the journal. The details
 * show the backlog, so an operator sees a Kafka outage (or a slow sender) growing.
 */
final class JournalHealthIndicator implements HealthIndicator {

    private final UsageJournal journal;

    JournalHealthIndicator(UsageJournal journal) {
        this.journal = journal;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("directory", journal.directory().toString())
                .withDetail("pendingRecords", journal.pendingRecords())
                .withDetail("pendingBytes", journal.pendingBytes())
                .withDetail("oldestPendingSeconds", journal.oldestPendingSeconds())
                .build();
    }
}
