package dev.veloera.command.config;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Which engine the DataSource reaches; asked once, at startup. */
@Component
public class DatabaseEngine {

    private final String product;

    public DatabaseEngine(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to tell which engine it is", e);
        }
    }

    public boolean isSqlite() {
        return product.contains("sqlite");
    }

    public boolean isMysql() {
        return product.contains("mysql") || product.contains("mariadb");
    }
}
