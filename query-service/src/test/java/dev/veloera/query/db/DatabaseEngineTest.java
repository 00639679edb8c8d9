package dev.veloera.query.db;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseEngineTest {

    @Test
    void recognisesTheThreeEnginesByProductName() {
        assertThat(DatabaseEngine.fromProductName("SQLite")).isEqualTo(DatabaseEngine.SQLITE);
        assertThat(DatabaseEngine.fromProductName("PostgreSQL")).isEqualTo(DatabaseEngine.POSTGRESQL);
        assertThat(DatabaseEngine.fromProductName("MySQL")).isEqualTo(DatabaseEngine.MYSQL);
        assertThat(DatabaseEngine.fromProductName("MariaDB")).isEqualTo(DatabaseEngine.MYSQL);
        assertThatThrownBy(() -> DatabaseEngine.fromProductName("H2")).hasMessageContaining("Unsupported");
    }

    @Test
    void sqliteTimestampsAreUtcTextLikeCurrentTimestamp() {
        assertThat(DatabaseEngine.SQLITE.timestamp(Instant.parse("2026-01-02T03:04:05.678Z")))
                .isEqualTo("2026-01-02 03:04:05.678");
        assertThat(DatabaseEngine.POSTGRESQL.timestamp(Instant.EPOCH)).isInstanceOf(java.sql.Timestamp.class);
    }
}
