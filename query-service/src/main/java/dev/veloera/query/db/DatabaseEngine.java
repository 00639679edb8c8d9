package dev.veloera.query.db;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The engine behind the DataSource. The only place in this module that branches on it: every
 * statement elsewhere is written to run on all three engines.
 */
public enum DatabaseEngine {
    SQLITE, POSTGRESQL, MYSQL;

    private static final DateTimeFormatter SQLITE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /**
     * A bind value for a {@code TIMESTAMP} column. SQLite keeps timestamps as UTC text like its
     * {@code CURRENT_TIMESTAMP} (the driver's {@code setTimestamp} would write epoch milliseconds
     * instead); milliseconds are kept so two events a moment apart stay distinct.
     */
    public Object timestamp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return this == SQLITE ? SQLITE_TIMESTAMP.format(millis) : Timestamp.from(millis);
    }

    /**
     * The {@code SET} item giving {@code updated_at} the event's time, deterministically. The schema keeps
     * {@code updated_at} current with triggers that stamp the wall clock whenever an UPDATE leaves
     * the column as it was, which happens when two events of one row share a millisecond (events
     * applied by one command do). Such an update writes one millisecond later instead, so a replay
     * still rebuilds the same rows. Bind {@link #touchParameters(Instant)}. PostgreSQL cannot infer
     * a parameter's type inside {@code CASE}, hence its casts.
     */
    public String touchUpdatedAt() {
        return this == POSTGRESQL
                ? " updated_at = CASE WHEN updated_at = CAST(:at AS TIMESTAMP) THEN CAST(:atNext AS TIMESTAMP)"
                + " ELSE CAST(:at AS TIMESTAMP) END "
                : " updated_at = CASE WHEN updated_at = :at THEN :atNext ELSE :at END ";
    }

    public Map<String, Object> touchParameters(Instant at) {
        return Map.of("at", timestamp(at), "atNext", timestamp(at.truncatedTo(ChronoUnit.MILLIS).plusMillis(1)));
    }

    public static DatabaseEngine of(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return fromProductName(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the DataSource points at: " + e.getMessage(), e);
        }
    }

    static DatabaseEngine fromProductName(String product) {
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        throw new IllegalStateException("Unsupported database '" + product + "': use SQLite, PostgreSQL or MySQL/MariaDB");
    }
}
