package dev.veloera.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a piece of command-side work (lookup-table writes plus the commands they belong to, or a poll's
 * settlement commands) in one transaction, and runs it again when it lost an optimistic-locking race on
 * an aggregate: two writers that loaded the same version collide on the event store's (aggregate id,
 * sequence) key. The retry happens on the caller's thread, in a fresh transaction, after the loser's
 * transaction rolled back, so nothing it wrote survives.
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final TransactionManager axonTransactions;
    private final int attempts;
    /** The JVM-wide writer lock on SQLite, held across retries too (see {@link SqliteWriter}). */
    private final SqliteWriter sqliteWriter;

    private final Cache aggregateCache;

    public CommandRunner(TransactionManager axonTransactions, CommandServiceProperties properties,
                         SqliteWriter sqliteWriter, @Qualifier("userAccountCache") Cache aggregateCache) {
        this.aggregateCache = aggregateCache;
        this.axonTransactions = axonTransactions;
        this.attempts = Math.max(1, properties.commandRetries());
        this.sqliteWriter = sqliteWriter;
    }

    /**
     * Work that writes lookup tables as well as events, or sends several commands: one transaction around
     * all of it, owned by a root unit of work. The commands run as units nested in it, so their events are
     * stored, and the aggregates they loaded stay locked in this JVM, until the transaction commits: no
     * other thread decides on an aggregate state that might still roll back (a rollback also evicts the
     * cached aggregates).
     */
    public <T> T inTransaction(Supplier<T> work) {
        return withRetries(() -> {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command-runner"));
            unit.attachTransaction(axonTransactions);
            ResultMessage<T> result = unit.executeWithResult(work::get);
            if (!result.isExceptional()) {
                return result.getPayload();
            }
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        });
    }

    /**
     * A command that touches only its aggregate: Axon's unit of work owns the transaction, so the
     * transaction commits exactly when the unit of work does (which is what Axon's aggregate cache
     * assumes).
     */
    public <T> T send(Supplier<T> command) {
        return withRetries(command);
    }

    private <T> T withRetries(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (RuntimeException e) {
                // Axon caches an aggregate when its unit of work commits, but the transaction around it
                // may still have rolled back: never keep state that is not in the event store.
                aggregateCache.removeAll();
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
                log.debug("Command lost a concurrent update (attempt {}), retrying: {}", attempt, e.getMessage());
                pause(attempt);
            }
        }
    }

    private <T> T once(Supplier<T> work) {
        sqliteWriter.lock();
        try {
            return work.get();
        } finally {
            sqliteWriter.unlock();
        }
    }

    public void run(Runnable command) {
        send(() -> {
            command.run();
            return null;
        });
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }
}
