package dev.veloera.command.channel;

import dev.veloera.command.config.LookupTables;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which channels a batch operation names (disabled ones, those of a tag, all of them), read from the read model's
 * {@code channels} table. Only the selection: each channel then decides on its own command, so a channel that changed
 * meanwhile is judged on its current state, never on this read.
 */
@Component
class ChannelSelection {

    private final LookupTables tables;

    ChannelSelection(LookupTables tables) {
        this.tables = tables;
    }

    List<Long> disabled() {
        return tables.jdbc().queryForList("SELECT id FROM channels WHERE status <> 1 ORDER BY id", Long.class);
    }

    List<Long> tagged(String tag) {
        return tables.jdbc().queryForList("SELECT id FROM channels WHERE tag = ? ORDER BY id", Long.class, tag);
    }

    /** Every channel ever created (a deleted one refuses its command and is skipped). */
    List<Long> all() {
        return tables.jdbc().queryForList("SELECT channel_id FROM cmd_channel_id ORDER BY channel_id", Long.class);
    }

    /** Auto-disabled channels, for the periodic test. */
    List<Long> autoDisabled() {
        return tables.jdbc().queryForList("SELECT id FROM channels WHERE status = 3 ORDER BY id", Long.class);
    }
}
