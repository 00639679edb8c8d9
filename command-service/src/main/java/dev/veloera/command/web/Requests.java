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

    /** A new account's username ({@link #username}) and password ({@link #password}). */
    public static Credentials newCredentials(String username, String password) {
        return new Credentials(username(username), password(password));
    }

    /**
     * A username: 1–64 characters (the column's width), each printable: no control, format (bidirectional
     * overrides, zero-width joiners and spaces), separator-other or unassigned code point, so two names that
     * look alike cannot both exist through an invisible character.
     */
    public static String username(String username) {
        String checked = required(username, "username");
        check(checked.codePointCount(0, checked.length()) <= 64, "username must be at most 64 characters");
        check(checked.codePoints().allMatch(Requests::printable),
                "username must contain only printable characters");
        check(usernameKey(checked).length() <= 64, "username must be at most 64 characters");
        return checked;
    }

    /** A password as sent (never trimmed): 8 to 72 bytes in UTF-8, BCrypt reading no further than 72. */
    public static String password(String password) {
        check(password != null && !password.isEmpty(), "password is required");
        int bytes = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        check(bytes >= 8 && bytes <= 72, "password must be 8 to 72 bytes");
        return password;
    }

    private static boolean printable(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** The key that makes usernames unique regardless of case (and of compatibility forms such as full-width letters). */
    public static String usernameKey(String username) {
        return java.text.Normalizer.normalize(username, java.text.Normalizer.Form.NFKC)
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** Veloera's comma-separated lists ({@code models}, {@code group}, {@code model_limits}). */
    public static List<String> commaSeparated(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
