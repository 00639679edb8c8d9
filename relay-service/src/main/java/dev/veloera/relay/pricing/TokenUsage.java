package dev.veloera.relay.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens of one answer as the upstream reported them, in one shape for every provider.
 *
 * @param promptTokens        every prompt token, cached or not
 * @param cachedTokens        of those, read from the provider's prompt cache (billed at CacheRatio)
 * @param cacheCreationTokens of those, written to Claude's prompt cache (billed at 1.25, as Veloera)
 */
public record TokenUsage(int promptTokens, int completionTokens, int cachedTokens, int cacheCreationTokens) {

    /** OpenAI's {@code usage}: {@code prompt_tokens} include {@code prompt_tokens_details.cached_tokens}. */
    public static TokenUsage ofOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject() || !usage.has("prompt_tokens") && !usage.has("input_tokens")) {
            return null;
        }
        if (!usage.has("prompt_tokens")) {
            // the Responses API: input_tokens, output_tokens, input_tokens_details.cached_tokens
            return new TokenUsage(usage.path("input_tokens").asInt(0), usage.path("output_tokens").asInt(0),
                    usage.at("/input_tokens_details/cached_tokens").asInt(0), 0);
        }
        return new TokenUsage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0),
                usage.at("/prompt_tokens_details/cached_tokens").asInt(0),
                usage.path("cache_creation_input_tokens").asInt(0));
    }

    /** Anthropic's {@code usage}: {@code input_tokens} exclude the cache reads and writes. */
    public static TokenUsage ofClaude(int inputTokens, int outputTokens, int cacheRead, int cacheCreation) {
        return new TokenUsage(inputTokens + cacheRead + cacheCreation, outputTokens, cacheRead, cacheCreation);
    }

    /** Prompt tokens neither read from nor written to a cache. */
    public int freshPromptTokens() {
        return Math.max(0, promptTokens - cachedTokens - cacheCreationTokens);
    }

    /** As OpenAI's {@code usage} object (the cache writes in {@code cache_creation_input_tokens}). */
    public ObjectNode toOpenAi() {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        if (cachedTokens > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        }
        if (cacheCreationTokens > 0) {
            usage.put("cache_creation_input_tokens", cacheCreationTokens);
        }
        return usage;
    }

    /** As Anthropic's {@code usage} object. */
    public ObjectNode toClaude() {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        usage.put("input_tokens", freshPromptTokens());
        usage.put("output_tokens", completionTokens);
        usage.put("cache_read_input_tokens", cachedTokens);
        usage.put("cache_creation_input_tokens", cacheCreationTokens);
        return usage;
    }
}
