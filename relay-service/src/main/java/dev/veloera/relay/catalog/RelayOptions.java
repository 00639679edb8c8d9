package dev.veloera.relay.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The options the relay acts on, parsed once per option change from the catalog's {@code option:*} entries (the
 * writing side is {@code PUT /api/option/}), so a request reads fields, never text. Names and defaults are
 * Veloera's ({@code model/option.go}, {@code setting/operation_setting}).
 *
 * @param retryTimes               further channels tried after a retryable failure ({@code RetryTimes}, default 0)
 * @param autoDisable              {@code AutomaticDisableChannelEnabled}, default off
 * @param autoDisableKeywords      {@code AutomaticDisableKeywords}, one per line, lower case
 * @param rateLimitEnabled         {@code ModelRequestRateLimitEnabled}
 * @param rateLimitWindow          {@code ModelRequestRateLimitDurationMinutes}
 * @param rateLimitCount           requests of any outcome per window ({@code ModelRequestRateLimitCount}, 0 = none)
 * @param rateLimitSuccessCount    successful requests per window ({@code ModelRequestRateLimitSuccessCount})
 * @param cacheRatio               model → price of a cached prompt token relative to a fresh one ({@code CacheRatio})
 * @param pingInterval             a keep-alive comment on quiet streams this often ({@code PingIntervalEnabled},
 *                                 {@code PingIntervalSeconds}); null when off
 * @param displayTokenStat         {@code /dashboard/billing/*} shows the token's balance, not the user's
 *                                 ({@code DisplayTokenStatEnabled}, default on)
 * @param displayInCurrency        ... in USD rather than quota units ({@code DisplayInCurrencyEnabled}, default on)
 */
public record RelayOptions(int retryTimes, boolean autoDisable, List<String> autoDisableKeywords,
                           boolean rateLimitEnabled, Duration rateLimitWindow, int rateLimitCount,
                           int rateLimitSuccessCount, Map<String, Double> cacheRatio, Duration pingInterval,
                           boolean displayTokenStat, boolean displayInCurrency) {

    private static final Logger log = LoggerFactory.getLogger(RelayOptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Veloera's default AutomaticDisableKeywords. */
    static final List<String> DEFAULT_KEYWORDS = List.of("your credit balance is too low",
            "this organization has been disabled.", "you exceeded your current quota", "permission denied",
            "the security token included in the request is invalid", "operation not allowed",
            "your account is not authorized");

    /** Veloera's default cache ratios of the models it prices (1 for any other model). */
    static final Map<String, Double> DEFAULT_CACHE_RATIO = Map.ofEntries(
            Map.entry("gpt-4o", 0.5), Map.entry("gpt-4o-mini", 0.5), Map.entry("o1", 0.5), Map.entry("o1-mini", 0.5),
            Map.entry("o3-mini", 0.5), Map.entry("gpt-4.1", 0.25), Map.entry("gpt-4.1-mini", 0.25),
            Map.entry("deepseek-chat", 0.25), Map.entry("deepseek-reasoner", 0.25),
            Map.entry("claude-3-5-haiku-20241022", 0.1), Map.entry("claude-3-5-sonnet-20241022", 0.1),
            Map.entry("claude-3-7-sonnet-20250219", 0.1), Map.entry("claude-3-7-sonnet-20250219-thinking", 0.1),
            Map.entry("claude-sonnet-4-20250514", 0.1), Map.entry("claude-sonnet-4-20250514-thinking", 0.1),
            Map.entry("claude-opus-4-20250514", 0.1), Map.entry("claude-opus-4-20250514-thinking", 0.1));

    public static final RelayOptions DEFAULTS = of(Map.of());

    /** Price of a cached prompt token of {@code model}, relative to a fresh one. */
    public double cacheRatioOf(String model) {
        return cacheRatio.getOrDefault(model, 1.0);
    }

    static RelayOptions of(Map<String, String> options) {
        return new RelayOptions(
                Math.max(0, integer(options, "RetryTimes", 0)),
                bool(options, "AutomaticDisableChannelEnabled", false),
                keywords(options.get("AutomaticDisableKeywords")),
                bool(options, "ModelRequestRateLimitEnabled", false),
                Duration.ofMinutes(Math.max(1, integer(options, "ModelRequestRateLimitDurationMinutes", 1))),
                Math.max(0, integer(options, "ModelRequestRateLimitCount", 0)),
                Math.max(0, integer(options, "ModelRequestRateLimitSuccessCount", 1000)),
                cacheRatios(options.get("CacheRatio")),
                bool(options, "PingIntervalEnabled", false)
                        ? Duration.ofSeconds(Math.max(1, integer(options, "PingIntervalSeconds", 60))) : null,
                bool(options, "DisplayTokenStatEnabled", true),
                bool(options, "DisplayInCurrencyEnabled", true));
    }

    private static boolean bool(Map<String, String> options, String key, boolean fallback) {
        String value = options.get(key);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static int integer(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            log.warn("Option {} is not a whole number ({}); using {}. Fix it with PUT /api/option/.", key, value,
                    fallback);
            return fallback;
        }
    }

    private static List<String> keywords(String value) {
        if (value == null) {
            return DEFAULT_KEYWORDS;
        }
        List<String> keywords = new ArrayList<>();
        for (String line : value.split("\n")) {
            String keyword = line.trim().toLowerCase(Locale.ROOT);
            if (!keyword.isEmpty()) {
                keywords.add(keyword);
            }
        }
        return List.copyOf(keywords);
    }

    private static Map<String, Double> cacheRatios(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CACHE_RATIO;
        }
        try {
            Map<String, Double> parsed = JSON.readValue(value, new TypeReference<Map<String, Double>>() {
            });
            parsed.values().removeIf(v -> v == null);
            return Map.copyOf(parsed);
        } catch (Exception e) {
            log.warn("Option CacheRatio is not a JSON object of numbers; using the built-in defaults. "
                    + "Fix it with PUT /api/option/.");
            return DEFAULT_CACHE_RATIO;
        }
    }
}
