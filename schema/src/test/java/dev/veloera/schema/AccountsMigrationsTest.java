package dev.veloera.schema;

import dev.veloera.schema.testing.TestDatabases;
import dev.veloera.schema.testing.TestDatabases.Engine;
import dev.veloera.schema.testing.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts migrations that rewrite rows stored before them, on every engine: V11 replaces plain access tokens
 * by their SHA-256 in both tables; V12 fills the case-folded username keys, the older of two clashing names first.
 */
class AccountsMigrationsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void canHashThePlainTokensStoredBefore(Engine engine) throws Exception {
        TestDatabase db = TestDatabases.create(engine);
        try {
            TestDatabases.flyway(db).target("10").load().migrate();
            String token = "t".repeat(32);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO cmd_user_directory (username, username_key, access_token, role, status) "
                        + "VALUES ('alice', 'alice', '" + token + "', 1, 1)");
                s.executeUpdate("INSERT INTO users (id, username, password, access_token) VALUES (7, 'alice', 'x', '"
                        + token + "')");
            }
            TestDatabases.flyway(db).load().migrate();
            String hash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String table : new String[]{"cmd_user_directory", "users"}) {
                    try (ResultSet rows = s.executeQuery("SELECT access_token FROM " + table)) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getString(1).strip()).as(table).isEqualTo(hash);
                    }
                }
            }
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void canFoldTheExistingUsernamesOlderFirst(Engine engine) throws Exception {
        TestDatabase db = TestDatabases.create(engine);
        try {
            TestDatabases.flyway(db).target("10").load().migrate();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO cmd_user_directory (user_id, username) VALUES (1, 'Alice')");
                if (engine != Engine.MYSQL) { // MySQL's collation made usernames case-insensitive from the start
                    s.executeUpdate("INSERT INTO cmd_user_directory (user_id, username) VALUES (2, 'alice')");
                }
                s.executeUpdate("INSERT INTO cmd_user_directory (user_id, username) VALUES (3, '\u00c4rger')");
            }
            TestDatabases.flyway(db).load().migrate();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT user_id, username_key FROM cmd_user_directory ORDER BY user_id")) {
                java.util.List<String> keys = new java.util.ArrayList<>();
                while (rows.next()) {
                    keys.add(rows.getLong(1) + "=" + rows.getString(2));
                }
                if (engine == Engine.MYSQL) {
                    assertThat(keys).containsExactly("1=alice", "3=\u00e4rger");
                } else {
                    assertThat(keys).containsExactly("1=alice", "2=null", "3=\u00e4rger");
                }
            }
        } finally {
            db.close();
        }
    }
}
