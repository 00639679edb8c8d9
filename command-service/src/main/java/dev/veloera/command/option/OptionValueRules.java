package dev.veloera.command.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.option.OptionDefinition;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a value against its key's {@link dev.veloera.contracts.option.OptionKind}: what the relay and the
 * services parse later must parse now, so a typo is a 400 here rather than a silently ignored price there.
 */
final class OptionValueRules {

    /** {@code options.value} is TEXT on MySQL: 64 KiB. */
    static final int MAX_BYTES = 65_535;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionValueRules() {
    }

    /** The value to store ({@code null} stored as empty text), or a 400 naming the key. */
    static String check(OptionDefinition definition, String raw) {
        String key = definition.key();
        String value = raw == null ? "" : raw;
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw OptionException.invalid(key + " must be at most " + MAX_BYTES + " bytes");
        }
        switch (definition.kind()) {
            case BOOLEAN -> {
                value = value.strip();
                if (!value.equals("true") && !value.equals("false")) {
                    throw OptionException.invalid(key + " must be true or false");
                }
            }
            case COUNT -> {
                value = value.strip();
                if (!value.matches("\\d{1,18}")) {
                    throw OptionException.invalid(key + " must be a whole number, zero or more");
                }
                value = String.valueOf(Long.parseLong(value));
            }
            case AMOUNT -> {
                value = value.strip();
                if (!isNonNegativeNumber(value)) {
                    throw OptionException.invalid(key + " must be a number, zero or more");
                }
            }
            case RATIO_MAP -> checkObject(key, value, true);
            case NAME_MAP -> checkObject(key, value, false);
            case JSON -> parse(key, value);
            case TEXT -> {
            }
        }
        return value;
    }

    private static boolean isNonNegativeNumber(String value) {
        if (!value.matches("\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return false;
        }
        double parsed = Double.parseDouble(value);
        return Double.isFinite(parsed);
    }

    private static void checkObject(String key, String value, boolean numbers) {
        JsonNode node = parse(key, value);
        if (!node.isObject()) {
            throw OptionException.invalid(key + " must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (numbers && !(v.isNumber() && Double.isFinite(v.asDouble()) && v.asDouble() >= 0)) {
                throw OptionException.invalid(key + ": the value of " + field.getKey()
                        + " must be a number, zero or more");
            }
            if (!numbers && !v.isTextual()) {
                throw OptionException.invalid(key + ": the value of " + field.getKey() + " must be text");
            }
        }
    }

    private static JsonNode parse(String key, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw OptionException.invalid(key + " must be JSON");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw OptionException.invalid(key + " must be valid JSON: " + e.getOriginalMessage());
        }
    }
}
