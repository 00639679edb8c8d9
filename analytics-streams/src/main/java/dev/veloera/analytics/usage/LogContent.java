package dev.veloera.analytics.usage;

import dev.veloera.contracts.usage.UsageRecorded;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable {@code logs.content}, in the spirit of Veloera's "模型倍率 x，补全倍率 y，分组倍率 z":
 * the prices that produced the quota, read from the usage record's {@code other}. Both camelCase and
 * snake_case keys are accepted because {@code other} is free-form.
 */
final class LogContent {

    private LogContent() {
    }

    static String describe(UsageRecorded usage) {
        if (UsageRecorded.FAILED.equals(usage.status())) {
            return usage.errorCode() == null ? "request failed" : "request failed: " + usage.errorCode();
        }
        Map<String, Object> other = usage.other() == null ? Map.of() : usage.other();
        List<String> parts = new ArrayList<>();
        Number modelPrice = number(other, "modelPrice", "model_price");
        if (modelPrice != null && modelPrice.doubleValue() > 0) {
            parts.add("model price " + plain(modelPrice));
        } else {
            add(parts, "model ratio", number(other, "modelRatio", "model_ratio"));
            add(parts, "completion ratio", number(other, "completionRatio", "completion_ratio"));
        }
        add(parts, "group ratio", number(other, "groupRatio", "group_ratio"));
        if (UsageRecorded.CLIENT_ABORTED.equals(usage.status())) {
            parts.add("client disconnected");
        }
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String label, Number value) {
        if (value != null) {
            parts.add(label + " " + plain(value));
        }
    }

    private static Number number(Map<String, Object> other, String camelCase, String snakeCase) {
        Object value = other.containsKey(camelCase) ? other.get(camelCase) : other.get(snakeCase);
        if (value instanceof Number number) {
            return number;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String plain(Number value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
}
