package dev.veloera.relay.pricing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.PricingTable;
import dev.veloera.relay.RelayProperties;
import dev.veloera.relay.support.TtlCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Prices from the {@code options} table ({@code ModelRatio}, {@code CompletionRatio}, {@code GroupRatio},
 * {@code ModelPrice}, each a JSON object) over {@link PricingTable#defaults()}; a key that is absent or
 * unreadable keeps the default map.
 */
@Component
public class PricingService {

    private static final Logger log = LoggerFactory.getLogger(PricingService.class);
    private static final TypeReference<Map<String, Double>> RATIOS = new TypeReference<>() {
    };
    private static final List<String> KEYS = List.of(PricingTable.MODEL_RATIO, PricingTable.COMPLETION_RATIO,
            PricingTable.GROUP_RATIO, PricingTable.MODEL_PRICE);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TtlCache<String, PricingTable> cache;

    PricingService(JdbcClient jdbc, ObjectMapper json, RelayProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.cache = new TtlCache<>(properties.cacheTtl(), 1);
    }

    public ModelPrice priceFor(String model, String group) {
        return table().priceFor(model, group);
    }

    public PricingTable table() {
        return cache.get("pricing", k -> load());
    }

    private PricingTable load() {
        Map<String, String> values = new HashMap<>();
        jdbc.sql("SELECT key_name, value FROM options WHERE key_name IN (?, ?, ?, ?)")
                .params(KEYS.toArray())
                .query(rs -> {
                    values.put(rs.getString("key_name"), rs.getString("value"));
                });
        return PricingTable.defaults().overriddenBy(
                parse(PricingTable.MODEL_RATIO, values),
                parse(PricingTable.COMPLETION_RATIO, values),
                parse(PricingTable.GROUP_RATIO, values),
                parse(PricingTable.MODEL_PRICE, values));
    }

    private Map<String, Double> parse(String key, Map<String, String> values) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Map<String, Double> parsed = json.readValue(value, RATIOS);
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
