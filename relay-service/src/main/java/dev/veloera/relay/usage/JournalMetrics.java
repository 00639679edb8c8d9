package dev.veloera.relay.usage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The journal's backlog and throughput, read from its counters when scraped (nothing is counted per request). */
final class JournalMetrics implements MeterBinder {

    private final UsageJournal journal;
    private final JournalSender sender;

    JournalMetrics(UsageJournal journal, JournalSender sender) {
        this.journal = journal;
        this.sender = sender;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("veloera.usage.journal.pending.records", journal, UsageJournal::pendingRecords)
                .description("usage records appended but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("veloera.usage.journal.pending.bytes", journal, UsageJournal::pendingBytes)
                .description("journal bytes not yet acknowledged by Kafka").baseUnit("bytes").register(registry);
        Gauge.builder("veloera.usage.journal.oldest.pending", journal, UsageJournal::oldestPendingSeconds)
                .description("age of the oldest usage record not yet acknowledged by Kafka (shipping lag)")
                .baseUnit("seconds").register(registry);
        FunctionCounter.builder("veloera.usage.journal.appended", journal, UsageJournal::appendedRecords)
                .description("usage records appended since start, plus those found unacknowledged at start")
                .register(registry);
        FunctionCounter.builder("veloera.usage.journal.shipped", sender, JournalSender::shippedRecords)
                .description("usage records acknowledged by Kafka since start").register(registry);
        FunctionCounter.builder("veloera.usage.journal.lost", journal, UsageJournal::lostRecords)
                .description("usage records that could not be serialized or written (logged at ERROR)")
                .register(registry);
    }
}
