package dev.veloera.command.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets handed to users: API keys, access tokens, affiliate codes, and the key hash the relay looks up. */
public final class RandomKeys {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomKeys() {
    }

    public static String alphanumeric(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** {@code sk-} and 48 letters or digits. */
    public static String apiKey() {
        return "sk-" + alphanumeric(48);
    }

    /** Base64 (standard, padded: 44 chars) of SHA-256 of the full key string. */
    public static String keyHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code sk-abcd…wxyz}: enough to recognise a key, useless to call with. */
    public static String mask(String key) {
        String body = key.startsWith("sk-") ? key.substring(3) : key;
        if (body.length() <= 8) {
            return "sk-…";
        }
        return "sk-" + body.substring(0, 4) + "…" + body.substring(body.length() - 4);
    }
}
