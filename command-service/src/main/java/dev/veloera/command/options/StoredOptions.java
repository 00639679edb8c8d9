package dev.veloera.command.options;

import dev.veloera.command.config.LookupTables;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads single settings from the {@code options} table (the read model's, in the same database as the lookup
 * tables) with Veloera's defaults for absent keys. A stop-gap until the options store of SystemSettings is on the
 * command side: token groups and the channel tests read through here, one query per decision.
 */
@Component
public class StoredOptions {

    /** Veloera's setting/user_usable_group.go. */
    public static final String DEFAULT_USER_USABLE_GROUPS = "{\"default\":\"默认分组\",\"vip\":\"vip分组\"}";
    /** Veloera's setting/group_ratio.go. */
    public static final String DEFAULT_GROUP_RATIO = "{\"default\":1,\"vip\":1,\"svip\":1}";

    private final LookupTables tables;

    public StoredOptions(LookupTables tables) {
        this.tables = tables;
    }

    /** The stored value of {@code key}, or {@code fallback} when there is none. */
    public String value(String key, String fallback) {
        List<String> values = tables.jdbc().queryForList("SELECT value FROM options WHERE key_name = ?", String.class,
                key);
        return values.isEmpty() || values.getFirst() == null ? fallback : values.getFirst();
    }

    /** A boolean option as Veloera stores them ("true"/"false"). */
    public boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(value(key, String.valueOf(fallback)).strip());
    }

    /** A number option; the fallback when it is absent or not a number. */
    public double number(String key, double fallback) {
        try {
            return Double.parseDouble(value(key, String.valueOf(fallback)).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
