package dev.veloera.command.config;

import java.util.concurrent.locks.ReentrantLock;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * SQLite has one writer at a time, and this service's threads also lock aggregates. Every transaction a unit of work
 * opens here on SQLite (commands, settlement polls, deadlines) takes this JVM-wide, reentrant lock first, so the
 * order is always "this lock, then the database's write lock, then an aggregate's lock", and this JVM's threads
 * queue here rather than at SQLite's busy handler. Without it a deadline could take the write lock in the instant
 * between a settlement's commit and the driver's next {@code BEGIN IMMEDIATE} (sqlite-jdbc begins the next
 * transaction inside {@code commit()}, while the unit of work still holds its aggregates), then wait for the
 * aggregate the settlement held while the settlement waited for the write lock: both stalled for the URL's busy
 * timeout (30 s), seen in the benchmark and reproduced by {@code QuotaRaceScenario}. On other engines it does
 * nothing: their row locks wait for each other with deadlock detection.
 */
public final class SqliteWriter {

    private final ReentrantLock lock;

    SqliteWriter(boolean sqlite) {
        this.lock = sqlite ? new ReentrantLock(true) : null;
    }

    public void lock() {
        if (lock != null) {
            lock.lock();
        }
    }

    public void unlock() {
        if (lock != null) {
            lock.unlock();
        }
    }

    /** {@code delegate}'s transactions, each holding this lock from its start to its commit or rollback. */
    TransactionManager serialize(TransactionManager delegate) {
        if (lock == null) {
            return delegate;
        }
        return () -> {
            lock();
            Transaction transaction;
            try {
                transaction = delegate.startTransaction();
            } catch (RuntimeException | Error e) {
                unlock();
                throw e;
            }
            return new Transaction() {
                @Override
                public void commit() {
                    try {
                        transaction.commit();
                    } finally {
                        unlock();
                    }
                }

                @Override
                public void rollback() {
                    try {
                        transaction.rollback();
                    } finally {
                        unlock();
                    }
                }
            };
        };
    }
}
