package dev.veloera.command.topup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.option.CommandOptions;
import dev.veloera.contracts.pricing.QuotaMath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options payments and rebates read, with Veloera's defaults ({@code setting/payment.go},
 * {@code common/topup-ratio.go}, {@code common/constants.go}), read on every use from command-service's own
 * copy of the options ({@link CommandOptions}, written with each SystemSettings event), never from the read
 * model. A value that does not parse falls back to the default, with a warning.
 */
@Component
public class PaymentSettings {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettings.class);
    private static final List<String> KEYS = List.of("Price", "MinTopUp", "TopupGroupRatio", "EpayId", "EpayKey",
            "PayAddress", "CustomCallbackAddress", "ServerAddress", "RebateEnabled", "RebatePercentage",
            "DisplayInCurrencyEnabled", "QuotaPerUnit");

    /** What one request sees, read once. */
    public record Values(double price, long minTopUp, Map<String, Double> topupGroupRatio, String epayId,
                         String epayKey, String payAddress, String callbackAddress, String serverAddress,
                         boolean rebateEnabled, double rebatePercentage, boolean displayInCurrency,
                         double quotaPerUnit) {

        /** Veloera answers "not configured" unless all three are set. */
        public boolean epayConfigured() {
            return !payAddress.isBlank() && !epayId.isBlank() && !epayKey.isBlank();
        }

        /** A missing group, or a ratio of 0, counts as 1 (Veloera's getPayMoney). */
        public double groupRatio(String group) {
            Double ratio = topupGroupRatio.get(group);
            return ratio == null || ratio == 0 ? 1 : ratio;
        }
    }

    private final CommandOptions options;
    private final ObjectMapper json = new ObjectMapper();

    public PaymentSettings(CommandOptions options) {
        this.options = options;
    }

    public Values current() {
        Map<String, String> stored = new HashMap<>();
        KEYS.forEach(key -> stored.put(key, options.value(key)));
        String serverAddress = text(stored, "ServerAddress", "");
        serverAddress = serverAddress.isBlank() ? "http://localhost:3000" : serverAddress;
        String custom = text(stored, "CustomCallbackAddress", "");
        return new Values(number(stored, "Price", 7.3), (long) number(stored, "MinTopUp", 1),
                ratios(stored.get("TopupGroupRatio")), text(stored, "EpayId", ""), text(stored, "EpayKey", ""),
                text(stored, "PayAddress", ""), custom.isBlank() ? serverAddress : custom, serverAddress,
                bool(stored, "RebateEnabled", false), number(stored, "RebatePercentage", 0),
                bool(stored, "DisplayInCurrencyEnabled", true),
                number(stored, "QuotaPerUnit", QuotaMath.QUOTA_PER_UNIT));
    }

    private static String text(Map<String, String> stored, String key, String fallback) {
        String value = stored.get(key);
        return value == null ? fallback : value.strip();
    }

    private static double number(Map<String, String> stored, String key, double fallback) {
        String value = stored.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            log.warn("Option {} = '{}' is not a number; using {} until it is fixed with PUT /api/option/", key, value,
                    fallback);
            return fallback;
        }
    }

    private static boolean bool(Map<String, String> stored, String key, boolean fallback) {
        String value = stored.get(key);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.strip());
    }

    private Map<String, Double> ratios(String value) {
        Map<String, Double> defaults = Map.of("default", 1.0, "vip", 1.0, "svip", 1.0);
        if (value == null || value.isBlank()) {
            return defaults;
        }
        try {
            return json.readValue(value, new TypeReference<Map<String, Double>>() {
            });
        } catch (Exception e) {
            log.warn("Option TopupGroupRatio is not a JSON map of group to number; using ratio 1 for every group");
            return defaults;
        }
    }
}
