package dev.veloera.query.pricing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.pricing.PricingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices and groups as the relay prices requests: the {@code options} rows {@code ModelRatio},
 * {@code CompletionRatio}, {@code GroupRatio}, {@code ModelPrice} over {@link PricingTable#defaults()} (an absent or
 * unreadable option keeps the default, as the relay's catalog does), and {@code UserUsableGroups} with Veloera's
 * default.
 */
@Component
class StoredPricing {

    private static final Logger log = LoggerFactory.getLogger(StoredPricing.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_USABLE_GROUPS = "{\"default\":\"默认分组\",\"vip\":\"vip分组\"}";

    private final JdbcClient jdbc;

    StoredPricing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PricingTable table() {
        Map<String, String> options = new LinkedHashMap<>();
        jdbc.sql("SELECT key_name, value FROM options WHERE key_name IN (?, ?, ?, ?)")
                .params(PricingTable.MODEL_RATIO, PricingTable.COMPLETION_RATIO, PricingTable.GROUP_RATIO,
                        PricingTable.MODEL_PRICE)
                .query((rs, n) -> options.put(rs.getString(1), rs.getString(2))).list();
        return PricingTable.defaults().overriddenBy(numbers(PricingTable.MODEL_RATIO, options),
                numbers(PricingTable.COMPLETION_RATIO, options), numbers(PricingTable.GROUP_RATIO, options),
                numbers(PricingTable.MODEL_PRICE, options));
    }

    /** Veloera's GetUserUsableGroups: the option's groups, plus the user's own (or "default" for nobody's). */
    Map<String, String> usableGroups(String userGroup) {
        String stored = jdbc.sql("SELECT value FROM options WHERE key_name = 'UserUsableGroups'").query(String.class)
                .optional().orElse(DEFAULT_USABLE_GROUPS);
        Map<String, String> groups = new LinkedHashMap<>();
        try {
            Map<String, Object> parsed = JSON.readValue(stored, new TypeReference<>() {
            });
            if (parsed != null) {
                parsed.forEach((k, v) -> groups.put(k, String.valueOf(v)));
            }
        } catch (Exception e) {
            log.warn("Option UserUsableGroups is not a JSON object; fix it with PUT /api/option/");
        }
        if (userGroup == null || userGroup.isBlank()) {
            groups.putIfAbsent("default", "default");
        } else {
            groups.putIfAbsent(userGroup, "用户分组");
        }
        return groups;
    }

    /** The enabled abilities' groups per model, in model order. */
    Map<String, List<String>> enabledGroupsByModel() {
        Map<String, List<String>> byModel = new java.util.TreeMap<>();
        jdbc.sql("SELECT DISTINCT model, group_name FROM abilities WHERE enabled = ? ORDER BY model, group_name")
                .param(true)
                .query((rs, n) -> byModel.computeIfAbsent(rs.getString(1), m -> new java.util.ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return byModel;
    }

    private static Map<String, Double> numbers(String key, Map<String, String> options) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Map<String, Double> parsed = JSON.readValue(value, new TypeReference<>() {
            });
            if (parsed != null) {
                parsed.values().removeIf(v -> v == null);
            }
            return parsed;
        } catch (Exception e) {
            log.warn("Option {} is not a JSON object of numbers; the defaults stand for it", key);
            return null;
        }
    }
}
