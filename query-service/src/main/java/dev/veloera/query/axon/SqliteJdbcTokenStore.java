package dev.veloera.query.axon;

import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The token store ({@link LiveCatchUpTokenStore}) without {@code SELECT … FOR UPDATE}, which SQLite rejects. Nothing is
 * lost: the DataSource runs with {@code transaction_mode=IMMEDIATE}, so every transaction already
 * holds SQLite's single write lock from {@code BEGIN} on, which is stronger than a row lock.
 */
class SqliteJdbcTokenStore extends LiveCatchUpTokenStore {

    SqliteJdbcTokenStore(JdbcTokenStore.Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement select(Connection connection, String processorName, int segment, boolean forUpdate)
            throws SQLException {
        return super.select(connection, processorName, segment, false);
    }
}
