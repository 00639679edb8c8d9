package dev.veloera.query.db;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
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
        return this == SQLITE ? SQLITE_TIMESTAMP.format(instant) : Timestamp.from(instant);
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
