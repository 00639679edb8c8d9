package dev.veloera.relay.channel;

import java.util.Map;

/**
 * An enabled channel able to serve a model in a group, with the ability's priority and weight.
 *
 * @param modelMapping requested model → upstream model, from the channel's {@code model_mapping}
 */
public record Channel(long id, String name, int type, String keyValue, String baseUrl, Map<String, String> modelMapping,
                      long priority, int weight) {

    private static final String DEFAULT_BASE_URL = "https://api.openai.com";

    /** The model name the upstream knows {@code model} by. */
    public String upstreamModel(String model) {
        String mapped = modelMapping.get(model);
        return mapped == null || mapped.isBlank() ? model : mapped;
    }

    /** The first key of a comma-separated list; multi-key rotation is a later feature. */
    public String apiKey() {
        String keys = keyValue == null ? "" : keyValue;
        int comma = keys.indexOf(',');
        return (comma >= 0 ? keys.substring(0, comma) : keys).trim();
    }

    /** The base URL without a trailing slash; the OpenAI API when the channel names none. */
    public String baseUrlOrDefault() {
        String url = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
