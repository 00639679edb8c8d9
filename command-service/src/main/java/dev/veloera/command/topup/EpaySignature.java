package dev.veloera.command.topup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Epay's MD5 signature as the go-epay library computes it (Veloera's dependency): every parameter except
 * {@code sign}, {@code sign_type} and empty values, sorted by name, joined as {@code k=v&k=v} without URL
 * encoding, the merchant key appended, MD5 in lower-case hex.
 */
public final class EpaySignature {

    private EpaySignature() {
    }

    public static String sign(Map<String, String> params, String key) {
        String signed = new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((signed + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /** Whether {@code params} carry the signature {@code key} gives them, compared in constant time. */
    public static boolean verify(Map<String, String> params, String key) {
        String given = params.get("sign");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                sign(params, key).getBytes(StandardCharsets.UTF_8));
    }
}
