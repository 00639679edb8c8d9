package dev.veloera.relay.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.veloera.contracts.catalog.CatalogChannel;

/**
 * An enabled channel able to serve a model in a group, as the relay calls it; built once per catalog version of the
 * channel ({@link ChannelRepository}).
 *
 * @param keys              its credentials, one per line (or comma-separated, as Veloera splits them), in order
 * @param modelMapping      requested model → upstream model, from the channel's {@code model_mapping}
 * @param statusCodeMapping upstream status → status the client sees ({@code status_code_mapping})
 * @param paramOverride     fields set on every request body ({@code param_override})
 * @param other             the channel's {@code other}: the API version of Azure and Gemini channels
 * @param source            the catalog entry this was built from; a new version of the channel is a new entry
 */
public record Channel(long id, String name, int type, List<String> keys, String baseUrl,
                      Map<String, String> modelMapping, long priority, int weight,
                      Map<String, String> statusCodeMapping, Map<String, Object> paramOverride,
                      Map<String, Object> setting, boolean autoBan, String other, CatalogChannel source) {

    private static final String DEFAULT_BASE_URL = "https://api.openai.com";

    /** A channel without the later settings, for tests and the simplest OpenAI-compatible upstream. */
    public Channel(long id, String name, int type, String keyValue, String baseUrl, Map<String, String> modelMapping,
                   long priority, int weight) {
        this(id, name, type, splitKeys(keyValue), baseUrl, modelMapping, priority, weight, Map.of(), Map.of(),
                Map.of(), true, "", null);
    }

    static Channel of(CatalogChannel c) {
        return new Channel(c.id(), c.name(), c.type(), splitKeys(c.key()), c.baseUrl(), orEmpty(c.modelMapping()),
                c.priority(), c.weight(), orEmpty(c.statusCodeMapping()), orEmpty(c.paramOverride()),
                orEmpty(c.setting()), c.autoBan() == null || c.autoBan(), c.other() == null ? "" : c.other().trim(), c);
    }

    /** The model name the upstream knows {@code model} by. */
    public String upstreamModel(String model) {
        String mapped = modelMapping.get(model);
        return mapped == null || mapped.isBlank() ? model : mapped;
    }

    /** The first key; requests take theirs in turn from {@link ChannelHealth#nextKey}. */
    public String apiKey() {
        return keys.isEmpty() ? "" : keys.getFirst();
    }

    /** The base URL without a trailing slash, or {@code fallback} when the channel names none. */
    public String baseUrlOr(String fallback) {
        String url = baseUrl == null || baseUrl.isBlank() ? fallback : baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /** The base URL without a trailing slash; the OpenAI API when the channel names none. */
    public String baseUrlOrDefault() {
        return baseUrlOr(DEFAULT_BASE_URL);
    }

    /** The status the client sees for an upstream status, after {@code status_code_mapping}. */
    public int clientStatus(int upstreamStatus) {
        String mapped = statusCodeMapping.get(Integer.toString(upstreamStatus));
        if (mapped == null) {
            return upstreamStatus;
        }
        try {
            int status = Integer.parseInt(mapped.trim());
            return status >= 100 && status <= 599 ? status : upstreamStatus;
        } catch (NumberFormatException e) {
            return upstreamStatus;
        }
    }

    static List<String> splitKeys(String value) {
        List<String> keys = new ArrayList<>();
        if (value != null) {
            for (String key : value.split("[\\n,]")) {
                String trimmed = key.trim();
                if (!trimmed.isEmpty() && !keys.contains(trimmed)) {
                    keys.add(trimmed);
                }
            }
        }
        return List.copyOf(keys);
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
