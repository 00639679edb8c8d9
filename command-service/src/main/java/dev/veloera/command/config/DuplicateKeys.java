package dev.veloera.command.config;

import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Recognises a unique-key violation on SQLite, PostgreSQL and MySQL/MariaDB, the one place that
 * knows the engines' codes. Axon's default resolver only knows
 * {@link SQLIntegrityConstraintViolationException}, which neither the SQLite nor the PostgreSQL
 * driver throws, so a lost optimistic-locking race would not be seen as one.
 */
public final class DuplicateKeys {

    private static final int SQLITE_CONSTRAINT = 19;

    private DuplicateKeys() {
    }

    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DuplicateKeyException || t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state) || ("23000".equals(state) && sql.getErrorCode() == 1062)) {
                    return true;
                }
                if (sql.getClass().getName().startsWith("org.sqlite.")
                        && (sql.getErrorCode() & 0xff) == SQLITE_CONSTRAINT
                        && isUniqueMessage(sql.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUniqueMessage(String message) {
        return message != null && (message.contains("UNIQUE") || message.contains("PRIMARYKEY")
                || message.contains("PRIMARY KEY"));
    }
}
