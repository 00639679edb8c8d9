package dev.veloera.command.topup;

/** The payload of a top-up order's expiry deadline. */
public record TopUpExpiry(String topUpId) {
}
