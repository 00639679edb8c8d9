package dev.veloera.relay.catalog;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.PricingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pricing table from the option entries {@code ModelRatio}, {@code CompletionRatio}, {@code GroupRatio} and
 * {@code ModelPrice} (each a JSON object of numbers) over {@link PricingTable#defaults()}; an option that is absent or
 * unreadable keeps the default map.
 */
final class PricingOptions {

    private static final Logger log = LoggerFactory.getLogger(PricingOptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> RATIOS = new TypeReference<>() {
    };

    private PricingOptions() {
    }

    static PricingTable table(Map<String, String> options) {
        return PricingTable.defaults().overriddenBy(
                parse(PricingTable.MODEL_RATIO, options),
                parse(PricingTable.COMPLETION_RATIO, options),
                parse(PricingTable.GROUP_RATIO, options),
                parse(PricingTable.MODEL_PRICE, options));
    }

    private static Map<String, Double> parse(String key, Map<String, String> options) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Map<String, Double> parsed = JSON.readValue(value, RATIOS);
            if (parsed == null) {
                return null;
            }
            parsed.values().removeIf(v -> v == null);
            return parsed;
        } catch (Exception e) {
            log.warn("Option {} is not a JSON object of numbers; using the built-in defaults for it. "
                    + "Fix it with PUT /api/option/.", key);
            return null;
        }
    }
}
