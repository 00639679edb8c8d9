package dev.veloera.query.option;

import dev.veloera.contracts.option.SystemOptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Map;
import java.util.TreeMap;

/** Options as Veloera's OptionMap holds them: every known key's default, overridden by the rows of {@code options}. */
@Repository
public class OptionQueries {

    private final JdbcClient jdbc;

    OptionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every option, current value, in key order. */
    public Map<String, String> all() {
        Map<String, String> values = new TreeMap<>(SystemOptions.defaults());
        jdbc.sql("SELECT key_name, value FROM options").query((rs, n) -> {
            values.put(rs.getString("key_name"), rs.getString("value") == null ? "" : rs.getString("value"));
            return null;
        }).list();
        return values;
    }

    /** One option's current value, its default when never set ({@code ""} for a key nobody defines). */
    public String value(String key) {
        return jdbc.sql("SELECT value FROM options WHERE key_name = ?").param(key).query(String.class).optional()
                .orElseGet(() -> SystemOptions.definition(key).map(d -> d.defaultValue()).orElse(""));
    }
}
