package dev.veloera.contracts.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How a management access token is stored and looked up: Base64 (standard, padded: 44 characters) of the SHA-256 of
 * the token, as API keys are. A 32-character token of letters and digits carries 190 bits, so an unsalted fast hash
 * is enough: nobody can guess a token from its hash.
 */
public final class AccessTokenHash {

    private AccessTokenHash() {
    }

    public static String of(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
