package dev.veloera.command.user;

/** Payload of the deadline that closes a quota lease at its expiry and releases what it still holds. */
public record LeaseExpiry(String leaseId) {
}
