package dev.veloera.schema.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Access tokens are kept as their SHA-256 (Base64, 44 characters) from V11 on: the plain 32-character tokens already
 * in {@code cmd_user_directory} and {@code users} are replaced by their hashes, so every logged-in user stays logged
 * in. In Java because SQLite has no SHA-256 function; the same on every engine. Rows already hashed (44 characters)
 * are left alone.
 */
public abstract class HashAccessTokens extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        hash(connection, "cmd_user_directory", "user_id");
        hash(connection, "users", "id");
    }

    private static void hash(Connection connection, String table, String idColumn) throws SQLException {
        List<Object[]> plain = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + idColumn + ", access_token FROM " + table
                + " WHERE access_token IS NOT NULL");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String token = rows.getString(2).strip();
                if (token.length() == 32) {
                    plain.add(new Object[]{rows.getLong(1), sha256(token)});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET access_token = ? WHERE "
                + idColumn + " = ?")) {
            for (Object[] row : plain) {
                update.setString(1, (String) row[1]);
                update.setLong(2, (Long) row[0]);
                update.addBatch();
            }
            if (!plain.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    /** As {@code contracts.user.AccessTokenHash} (schema does not depend on contracts). */
    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
