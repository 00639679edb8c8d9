package dev.veloera.command.option;

import dev.veloera.command.config.AxonConfig;
import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.contracts.option.OptionDefinition;
import dev.veloera.contracts.option.SystemOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The options command-service decides with (registration, check-in, transfers), from {@code cmd_option}: the
 * handler below writes it in the same transaction as each {@link OptionChangedEvent} (a subscribing processor,
 * {@link AxonConfig}), so a decision never reads the read model. A key never set reads as its default.
 */
@Component
@ProcessingGroup(AxonConfig.USER_DIRECTORY_GROUP)
public class CommandOptions {

    private final JdbcTemplate jdbc;

    public CommandOptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String value(String key) {
        OptionDefinition definition = SystemOptions.definition(key)
                .orElseThrow(() -> new IllegalArgumentException("no option " + key));
        List<String> stored = jdbc.queryForList("SELECT value FROM cmd_option WHERE key_name = ?", String.class, key);
        return stored.isEmpty() || stored.getFirst() == null ? definition.defaultValue() : stored.getFirst();
    }

    public boolean enabled(String key) {
        return "true".equals(value(key));
    }

    public long count(String key) {
        String value = value(key).strip();
        return value.isEmpty() ? 0 : (long) Double.parseDouble(value);
    }

    @EventHandler
    void on(OptionChangedEvent event) {
        jdbc.update("DELETE FROM cmd_option WHERE key_name = ?", event.key());
        jdbc.update("INSERT INTO cmd_option (key_name, value) VALUES (?, ?)", event.key(), event.value());
    }
}
