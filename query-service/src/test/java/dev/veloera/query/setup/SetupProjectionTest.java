package dev.veloera.query.setup;

import dev.veloera.contracts.setup.CompleteSetupCommand;
import dev.veloera.contracts.setup.SetupCompletedEvent;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SetupProjectionTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void setupCompletedMarksTheInstallationSetUpOnce(TestDatabases.Engine engine) {
        JdbcClient jdbc = EngineDatabase.shared(engine).jdbc();
        SetupProjection projection = new SetupProjection(jdbc, DatabaseEngine.valueOf(engine.name()));
        SetupQueries queries = new SetupQueries(jdbc);
        projection.reset();
        assertThat(queries.isSetUp()).isFalse();

        SetupCompletedEvent event = new SetupCompletedEvent(CompleteSetupCommand.SETUP_ID, "1", 1_767_225_600_000L);
        projection.on(event, Instant.parse("2026-01-01T00:00:00Z"));
        projection.on(event, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(queries.isSetUp()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM setup").query(Long.class).single()).isEqualTo(1);
        projection.reset();
        assertThat(queries.isSetUp()).isFalse();
    }
}
