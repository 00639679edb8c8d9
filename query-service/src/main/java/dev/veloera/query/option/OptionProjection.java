package dev.veloera.query.option;

import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.db.DatabaseEngine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The {@code options} table: one row per key ever set, its current value (keys never set are their defaults,
 * {@code SystemOptions}). Ordered before the group's catalog publication, which reads the row written here.
 */
@Component
@ProcessingGroup(OptionProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class OptionProjection {

    public static final String GROUP = "options";

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public OptionProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(OptionChangedEvent event, @Timestamp Instant at) {
        int updated = jdbc.sql("UPDATE options SET value = :value, " + engine.touchUpdatedAt() + " WHERE key_name = :key")
                .param("value", event.value())
                .param("key", event.key())
                .params(engine.touchParameters(at))
                .update();
        if (updated == 0) {
            Object time = engine.timestamp(at);
            jdbc.sql("INSERT INTO options (key_name, value, created_at, updated_at) VALUES (?, ?, ?, ?)")
                    .params(event.key(), event.value(), time, time)
                    .update();
        }
    }

    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM options").update();
    }
}
