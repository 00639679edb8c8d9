package dev.veloera.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void knowsTheEnginesByTheirProductNames() {
        assertThat(SqlDialect.forProduct("SQLite")).isEqualTo(SqlDialect.SQLITE_OR_POSTGRESQL);
        assertThat(SqlDialect.forProduct("PostgreSQL")).isEqualTo(SqlDialect.SQLITE_OR_POSTGRESQL);
        assertThat(SqlDialect.forProduct("MySQL")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.forProduct("MariaDB")).isEqualTo(SqlDialect.MYSQL);
    }

    @Test
    void refusesAnUnknownEngine() {
        assertThatIllegalStateException().isThrownBy(() -> SqlDialect.forProduct("H2"));
    }
}
