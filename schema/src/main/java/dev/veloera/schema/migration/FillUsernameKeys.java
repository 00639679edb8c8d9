package dev.veloera.schema.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fills {@code cmd_user_directory.username_key} (V10) for the users that existed before: the name NFKC-normalised and
 * lower-cased, exactly as command-service computes it (SQL's LOWER differs per engine and SQLite's knows only ASCII).
 * Two existing names that fold to the same key keep the older user's key; the newer stays NULL and logs in by its
 * exact name until an admin renames it.
 */
public abstract class FillUsernameKeys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<Long, String> keys = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT user_id, username FROM cmd_user_directory ORDER BY user_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String key = key(rows.getString(2));
                if (key.length() <= 64 && taken.add(key)) {
                    keys.put(rows.getLong(1), key);
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE cmd_user_directory SET username_key = ? WHERE user_id = ?")) {
            for (Map.Entry<Long, String> entry : keys.entrySet()) {
                update.setString(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
            }
            if (!keys.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    /** As command-service's {@code Requests.usernameKey}. */
    static String key(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
