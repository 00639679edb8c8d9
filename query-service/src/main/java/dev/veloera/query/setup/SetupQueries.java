package dev.veloera.query.setup;

import dev.veloera.contracts.common.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SetupQueries {

    private final JdbcClient jdbc;

    SetupQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isSetUp() {
        return jdbc.sql("SELECT COUNT(*) FROM setup WHERE is_setup = ?").param(true).query(Long.class).single() > 0;
    }

    boolean rootExists() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role >= ? AND deleted_at IS NULL")
                .param(Roles.ROOT).query(Long.class).single() > 0;
    }
}
