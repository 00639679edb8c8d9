package dev.veloera.contracts.catalog;

import java.util.List;
import java.util.Map;

/**
 * A channel under key {@code channel:<id>}, with what the relay needs to route and call it. Its
 * abilities are {@code models × groups}, each with this priority and weight, served while
 * {@code status} is enabled. The fields after {@code modelMapping} were added later: a record published by an
 * older query-service reads them as null (the relay treats null as "none" and {@code autoBan} null as on).
 *
 * @param key               the upstream credential(s) as stored (one per line or comma-separated)
 * @param modelMapping      requested model → upstream model
 * @param statusCodeMapping upstream HTTP status → status the client sees (Veloera's {@code status_code_mapping})
 * @param paramOverride     fields set on every request body sent through this channel ({@code param_override})
 * @param setting           the channel's {@code setting} JSON object (e.g. {@code force_format})
 * @param autoBan           whether the relay may auto-disable this channel ({@code auto_ban})
 * @param other             the channel's {@code other}: the API version of Azure and Gemini channels
 */
public record CatalogChannel(long id, String name, int type, String key, String baseUrl, int status,
                             List<String> models, List<String> groups, long priority, int weight,
                             Map<String, String> modelMapping, Map<String, String> statusCodeMapping,
                             Map<String, Object> paramOverride, Map<String, Object> setting, Boolean autoBan,
                             String other) {

    /** A channel without the later fields: no status-code mapping, no overrides, auto-ban on. */
    public CatalogChannel(long id, String name, int type, String key, String baseUrl, int status,
                          List<String> models, List<String> groups, long priority, int weight,
                          Map<String, String> modelMapping) {
        this(id, name, type, key, baseUrl, status, models, groups, priority, weight, modelMapping, Map.of(), Map.of(),
                Map.of(), true, "");
    }
}
