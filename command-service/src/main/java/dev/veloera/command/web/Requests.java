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

    /** A new account's username and password, as checked by {@link #newCredentials}. */
    public record Credentials(String username, String password) {
    }

    /** Username 1–64 characters (the column's width), password 8–72 characters (BCrypt reads no further). */
    public static Credentials newCredentials(String username, String password) {
        String checkedUsername = required(username, "username");
        String checkedPassword = required(password, "password");
        check(checkedUsername.length() <= 64, "username must be at most 64 characters");
        check(checkedPassword.length() >= 8 && checkedPassword.length() <= 72, "password must be 8 to 72 characters");
        return new Credentials(checkedUsername, checkedPassword);
    }

    /** Veloera's comma-separated lists ({@code models}, {@code group}, {@code model_limits}). */
    public static List<String> commaSeparated(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
