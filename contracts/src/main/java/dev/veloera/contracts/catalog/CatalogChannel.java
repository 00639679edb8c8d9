package dev.veloera.contracts.catalog;

import java.util.List;
import java.util.Map;

/**
 * A channel under key {@code channel:<id>}, with what the relay needs to route and call it. Its
 * abilities are {@code models × groups}, each with this priority and weight, served while
 * {@code status} is enabled.
 *
 * @param key          the upstream credential(s) as stored (one per line or comma-separated)
 * @param modelMapping requested model → upstream model
 */
public record CatalogChannel(long id, String name, int type, String key, String baseUrl, int status,
                             List<String> models, List<String> groups, long priority, int weight,
                             Map<String, String> modelMapping) {
}
