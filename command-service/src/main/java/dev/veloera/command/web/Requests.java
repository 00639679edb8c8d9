package dev.veloera.command.web;

import java.util.Arrays;
import java.util.List;

/** Checks on request bodies shared by the controllers; each failure is a 400 with a clear message. */
public final class Requests {

    private Requests() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value.strip();
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw ApiException.badRequest(message);
        }
    }

    /** Veloera's comma-separated lists ({@code models}, {@code group}, {@code model_limits}). */
    public static List<String> commaSeparated(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
