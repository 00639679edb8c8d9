package dev.veloera.schema.support;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Hikari closes a SQLite connection instead of lending it again once SQLite answered busy or locked, or the driver
 * found no transaction where it thought one was open. After such an error the driver's idea of the connection is
 * wrong: a {@code BEGIN IMMEDIATE} that timed out on another writer's lock leaves it out of auto-commit with no
 * transaction, so every later statement on it commits alone and every commit fails ("cannot commit - no transaction
 * is active"); SQLite may also roll a transaction back by itself on a busy error. A fresh connection is cheap (a file
 * open); a wrong one loses atomicity and stalls whoever retries on it. Installed by {@link SqlitePoolPostProcessor}.
 */
public class SqliteConnectionEviction implements SQLExceptionOverride {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    @java.lang.Override
    public Override adjudicate(SQLException exception) {
        for (Throwable e = exception; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql && leavesTheConnectionUnknown(sql)) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }

    private static boolean leavesTheConnectionUnknown(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        String message = String.valueOf(e.getMessage());
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || message.contains("no transaction is active");
    }
}
