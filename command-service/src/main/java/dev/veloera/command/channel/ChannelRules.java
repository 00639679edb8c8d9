package dev.veloera.command.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A channel's settings merged from an edit and checked field by field, with the message naming the field: what the
 * relay later routes and prices by must never be half-valid.
 */
final class ChannelRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelRules() {
    }

    /** The settings a created channel starts with (fields the creation does not set take Veloera's defaults). */
    static ChannelSettings of(ChannelCreatedEvent event) {
        return new ChannelSettings(event.type(), event.name(), event.key(), orEmpty(event.baseUrl()), "",
                orEmpty(event.testModel()), List.copyOf(event.models()), List.copyOf(event.groups()), event.priority(),
                event.weight(), mappingText(event.modelMapping()), "", "", "", "", 1, "", "");
    }

    /** {@code current} with the non-null fields of {@code edit}, validated. */
    static ChannelSettings merged(ChannelSettings current, ChannelSettings edit) {
        ChannelSettings merged = new ChannelSettings(
                pick(edit.type(), current.type()), trimmed(pick(edit.name(), current.name())),
                edit.key() == null || edit.key().isBlank() ? current.key() : edit.key().strip(),
                trimmed(pick(edit.baseUrl(), current.baseUrl())),
                trimmed(pick(edit.openaiOrganization(), current.openaiOrganization())),
                trimmed(pick(edit.testModel(), current.testModel())),
                edit.models() == null ? current.models() : distinct(edit.models()),
                edit.groups() == null ? current.groups() : distinct(edit.groups()),
                pick(edit.priority(), current.priority()), pick(edit.weight(), current.weight()),
                trimmed(pick(edit.modelMapping(), current.modelMapping())),
                trimmed(pick(edit.statusCodeMapping(), current.statusCodeMapping())),
                trimmed(pick(edit.tag(), current.tag())), trimmed(pick(edit.setting(), current.setting())),
                trimmed(pick(edit.paramOverride(), current.paramOverride())), pick(edit.autoBan(), current.autoBan()),
                pick(edit.other(), current.other()), trimmed(pick(edit.modelPrefix(), current.modelPrefix())));
        check(merged);
        return merged;
    }

    static void check(ChannelSettings s) {
        require(s.type() != null && s.type() >= 0, "type must not be negative");
        require(s.name() != null && !s.name().isBlank() && s.name().length() <= 255, "name is required (at most 255 characters)");
        require(s.key() != null && !s.key().isBlank(), "key is required");
        require(s.models() != null && !s.models().isEmpty(), "at least one model is required");
        require(s.models().stream().allMatch(m -> m.length() <= 255), "a model name is at most 255 characters");
        require(s.groups() != null && !s.groups().isEmpty(), "at least one group is required");
        require(s.groups().stream().allMatch(g -> g.length() <= 64), "a group name is at most 64 characters");
        require(s.weight() != null && s.weight() >= 0, "weight must not be negative");
        require(s.priority() != null, "priority is required");
        require(s.autoBan() != null && (s.autoBan() == 0 || s.autoBan() == 1), "auto_ban must be 0 or 1");
        require(s.baseUrl().isEmpty() || isHttpUrl(s.baseUrl()), "base_url must be an http(s) URL");
        require(s.tag().length() <= 255, "tag is at most 255 characters");
        require(s.modelPrefix().length() <= 64, "model_prefix is at most 64 characters");
        require(isObjectOf(s.modelMapping(), true), "model_mapping must be a JSON object of model name to model name");
        require(isStatusCodeMapping(s.statusCodeMapping()),
                "status_code_mapping must be a JSON object of HTTP status code to HTTP status code, e.g. {\"429\":\"500\"}");
        require(s.statusCodeMapping().length() <= 1024, "status_code_mapping is at most 1024 characters");
        require(isObjectOf(s.setting(), false), "setting must be a JSON object");
        require(isObjectOf(s.paramOverride(), false), "param_override must be a JSON object");
    }

    static String mappingText(Map<String, String> mapping) {
        try {
            return mapping == null || mapping.isEmpty() ? "" : JSON.writeValueAsString(new java.util.TreeMap<>(mapping));
        } catch (Exception e) {
            throw ChannelException.invalid("model_mapping cannot be written as JSON");
        }
    }

    private static boolean isObjectOf(String text, boolean stringsOnly) {
        if (text.isEmpty()) {
            return true;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return false;
            }
            if (stringsOnly) {
                for (JsonNode value : node) {
                    if (!value.isTextual()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isStatusCodeMapping(String text) {
        if (!isObjectOf(text, true)) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        try {
            JsonNode node = JSON.readTree(text);
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (!isStatus(field.getKey()) || !isStatus(field.getValue().asText())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isStatus(String code) {
        return code.matches("[1-5]\\d\\d");
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> distinct(List<String> values) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                set.add(value.strip());
            }
        }
        return new ArrayList<>(set);
    }

    private static <T> T pick(T edited, T current) {
        return edited != null ? edited : current;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw ChannelException.invalid(message);
        }
    }
}
