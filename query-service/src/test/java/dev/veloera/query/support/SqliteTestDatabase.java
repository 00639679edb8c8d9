package dev.veloera.query.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A throw-away SQLite file migrated by the schema module's Flyway scripts, with the production URL options. */
public final class SqliteTestDatabase {

    private SqliteTestDatabase() {
    }

    public static String url(Path directory) {
        return "jdbc:sqlite:" + directory.resolve("veloera.db")
                + "?journal_mode=WAL&busy_timeout=30000&transaction_mode=IMMEDIATE&foreign_keys=true";
    }

    public static DataSource migrated(Path directory) {
        DataSource dataSource = new DriverManagerDataSource(url(directory));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        return dataSource;
    }

    /** Every row of {@code table} as column → value maps, in a stable order, for before/after comparisons. */
    public static List<Map<String, Object>> rows(JdbcClient jdbc, String table, String orderBy) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY " + orderBy).query().listOfRows();
    }
}
