package dev.veloera.contracts.channel;

import java.util.List;

/**
 * Every editable field of a channel, as Veloera's channel has them. In {@link UpdateChannelCommand} a null field
 * means "keep" (Veloera's edit leaves empty fields alone); in {@link ChannelUpdatedEvent} every field is the value
 * the channel now has. JSON-valued fields ({@code modelMapping}, {@code statusCodeMapping}, {@code setting},
 * {@code paramOverride}) are JSON object text, blank for none.
 *
 * @param key             the upstream credential(s), one per line or comma-separated
 * @param other           Veloera's per-type extra (e.g. an Azure API version)
 * @param autoBan         1: the gateway may disable the channel after failures; 0: never
 * @param modelPrefix     prepended to model names the channel offers
 */
public record ChannelSettings(Integer type, String name, String key, String baseUrl, String openaiOrganization,
                              String testModel, List<String> models, List<String> groups, Long priority,
                              Integer weight, String modelMapping, String statusCodeMapping, String tag,
                              String setting, String paramOverride, Integer autoBan, String other,
                              String modelPrefix) {

    /** No change at all: a command with it rewrites the channel's derived rows (abilities, catalog) as they are. */
    public static ChannelSettings unchanged() {
        return new ChannelSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }
}
