package dev.veloera.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.contracts.pricing.QuotaMath;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prices {@link SdkBillingIT} sets through the options API and Veloera's rules applied to them, written out here
 * rather than taken from the relay's code, so that a relay pricing a request by another rule fails the test. The
 * ratios are relay-service's provider tests' (ProviderTestSupport), so both tests expect the same figures.
 */
final class SdkPrices {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, Double> MODEL_RATIO = Map.ofEntries(Map.entry("gpt-4o-mini", 2.0),
            Map.entry("claude-sonnet-4-20250514", 3.0), Map.entry("claude-3-7-sonnet-20250219-thinking", 3.0),
            Map.entry("gemini-2.0-flash", 1.0), Map.entry("gpt-4.1", 1.0), Map.entry("text-embedding-3-small", 2.0),
            Map.entry("gpt-3.5-turbo-instruct", 0.75), Map.entry("rerank-v1", 1.0), Map.entry("o4-mini", 0.55),
            Map.entry("tts-1", 7.5), Map.entry("omni-moderation-latest", 0.1), Map.entry("text-embedding-004", 3.0));
    static final Map<String, Double> COMPLETION_RATIO = Map.of("gpt-4o-mini", 4.0, "claude-sonnet-4-20250514", 5.0,
            "claude-3-7-sonnet-20250219-thinking", 5.0, "gemini-2.0-flash", 4.0, "gpt-4.1", 4.0, "o4-mini", 4.0);
    static final Map<String, Double> MODEL_PRICE = Map.of("dall-e-3", 0.04, "whisper-1", 0.006,
            "imagen-3.0-generate-002", 0.03);
    static final Map<String, Double> CACHE_RATIO = Map.of("gpt-4o-mini", 0.5, "claude-sonnet-4-20250514", 0.1,
            "gpt-4.1", 0.25);
    /** Veloera's CacheCreationRatio: a prompt token written to the cache costs 1.25 fresh ones. */
    static final double CACHE_CREATION_RATIO = 1.25;
    /** Veloera's image size ratio for 1792×1024 and 1024×1792: twice a 1024² image. */
    static final double SIZE_1792_RATIO = 2;
    /** Veloera's dall-e-3 HD ratio at 1792 wide or tall (2 at 1024²). */
    static final double HD_AT_1792_RATIO = 1.5;
    /** Every user of the test is in it; GroupRatio is not set, so its default ratio applies. */
    static final String GROUP = "default";

    private static final PricingTable TABLE = PricingTable.defaults()
            .overriddenBy(MODEL_RATIO, COMPLETION_RATIO, null, MODEL_PRICE);

    private SdkPrices() {
    }

    /** What one request used, in the terms of the rule: prompt tokens include the cached and cache-written ones. */
    record Usage(long prompt, long cached, long cacheWrites, long completion) {

        /** OpenAI's {@code usage}: {@code prompt_tokens} (cached ones in {@code prompt_tokens_details}). */
        static Usage ofOpenAi(String usage) {
            JsonNode node = read(usage);
            return new Usage(node.path("prompt_tokens").asLong(), node.at("/prompt_tokens_details/cached_tokens").asLong(),
                    0, node.path("completion_tokens").asLong());
        }

        /** Anthropic's {@code usage}: {@code input_tokens} are the fresh ones; reads and writes come on top. */
        static Usage ofClaude(String usage) {
            JsonNode node = read(usage);
            long read = node.path("cache_read_input_tokens").asLong();
            long written = node.path("cache_creation_input_tokens").asLong();
            return new Usage(node.path("input_tokens").asLong() + read + written, read, written,
                    node.path("output_tokens").asLong());
        }

        /** Gemini's {@code usageMetadata}: thinking tokens are completion tokens, as Veloera counts them. */
        static Usage ofGemini(String usage) {
            JsonNode node = read(usage);
            return new Usage(node.path("promptTokenCount").asLong(), 0, 0,
                    node.path("candidatesTokenCount").asLong() + node.path("thoughtsTokenCount").asLong());
        }
    }

    /** The options to set, by name: each a JSON object of model to number. */
    static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(PricingTable.MODEL_RATIO, write(MODEL_RATIO));
        options.put(PricingTable.COMPLETION_RATIO, write(COMPLETION_RATIO));
        options.put(PricingTable.MODEL_PRICE, write(MODEL_PRICE));
        options.put("CacheRatio", write(CACHE_RATIO));
        return options;
    }

    /**
     * Tokens at the model's ratios: {@code (fresh prompt + cached × CacheRatio + cache writes × 1.25 + completion ×
     * CompletionRatio) × ModelRatio × GroupRatio}, rounded, at least 1. A model without a CacheRatio reads at 1.
     */
    static long tokens(String model, Usage usage) {
        ModelPrice price = price(model);
        double fresh = usage.prompt() - usage.cached() - usage.cacheWrites();
        double tokens = fresh + usage.cached() * CACHE_RATIO.getOrDefault(model, 1.0)
                + usage.cacheWrites() * CACHE_CREATION_RATIO + usage.completion() * price.completionRatio();
        return Math.max(Math.round(tokens * price.modelRatio() * price.groupRatio()), 1);
    }

    /** A model with a ModelPrice: that many USD a call, whatever it used. */
    static long perCall(String model) {
        ModelPrice price = price(model);
        return Math.round(price.modelPrice() * QuotaMath.QUOTA_PER_UNIT * price.groupRatio());
    }

    /** Images: the model's price per image × the size's ratio × the quality's × n, the fraction dropped. */
    static long images(String model, int n, double sizeRatio, double qualityRatio) {
        ModelPrice price = price(model);
        return (long) (price.modelPrice() * (sizeRatio * qualityRatio * n) * price.groupRatio()
                * QuotaMath.QUOTA_PER_UNIT);
    }

    /** Text to speech (tts-1): each character of the input is a prompt token at the model's ratio. */
    static long speech(String model, String input) {
        return tokens(model, new Usage(input.codePointCount(0, input.length()), 0, 0, 0));
    }

    private static ModelPrice price(String model) {
        return TABLE.priceFor(model, GROUP);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static String write(Map<String, Double> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
