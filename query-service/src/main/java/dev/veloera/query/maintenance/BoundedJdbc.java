package dev.veloera.query.maintenance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Connections for the maintenance jobs: every unit of work is one short transaction whose lock waits
 * and statements are bounded by the engine's settings ({@link MaintenanceDialect#limit}), and every
 * statement a job prepares itself gets the JDBC query timeout.
 */
final class BoundedJdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final MaintenanceDialect dialect;
    private final Duration lockTimeout;
    private final Duration statementTimeout;

    BoundedJdbc(DataSource dataSource, MaintenanceDialect dialect, MaintenanceProperties properties) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.lockTimeout = properties.lockTimeout();
        this.statementTimeout = properties.statementTimeout();
    }

    int queryTimeoutSeconds() {
        return (int) Math.max(1, statementTimeout.toSeconds());
    }

    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result;
                try (AutoCloseable ignored = dialect.limit(c, lockTimeout, statementTimeout)) {
                    result = work.run(c);
                    c.commit();
                }
                return result;
            } catch (Exception e) {
                rollbackQuietly(c, e);
                throw e instanceof SQLException sql ? new MaintenanceException(sql) : new MaintenanceException(e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MaintenanceException(e);
        }
    }

    /** Catalog reads and counts: bounded like {@link #write} where the engine allows it, plain otherwise. */
    <T> T read(Work<T> work) {
        if (dialect.transactionalReads()) {
            return write(work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new MaintenanceException(e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A maintenance statement failed (a lock wait or statement timeout included). */
    static final class MaintenanceException extends RuntimeException {
        MaintenanceException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
