package dev.veloera.query.setup;

import dev.veloera.contracts.setup.SetupCompletedEvent;
import dev.veloera.query.db.DatabaseEngine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The single {@code setup} row (id 1): {@code is_setup} turns true once setup completed. */
@Component
@ProcessingGroup("setup")
public class SetupProjection {

    static final long SETUP_ROW_ID = 1;

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public SetupProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(SetupCompletedEvent event, @Timestamp Instant at) {
        Object time = engine.timestamp(at);
        int updated = jdbc.sql("UPDATE setup SET is_setup = :setUp, created_at = :at, "
                        + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("setUp", true)
                .param("id", SETUP_ROW_ID)
                .params(engine.touchParameters(at))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO setup (id, is_setup, created_at, updated_at) VALUES (?, ?, ?, ?)")
                    .params(SETUP_ROW_ID, true, time, time)
                    .update();
        }
    }

    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM setup").update();
    }
}
