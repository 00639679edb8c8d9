package dev.veloera.contracts.option;

/** One key of the {@code options} table: the shape its value must have and Veloera's default. */
public record OptionDefinition(String key, OptionKind kind, String defaultValue) {

    /**
     * Keys ending in Token, Secret or Key hold credentials: {@code GET /api/option/} never returns them (as in
     * Veloera), and neither the log nor the audit trail shows their values.
     */
    public boolean isSecret() {
        return isSecretKey(key);
    }

    public static boolean isSecretKey(String key) {
        return key.endsWith("Token") || key.endsWith("Secret") || key.endsWith("Key");
    }
}
