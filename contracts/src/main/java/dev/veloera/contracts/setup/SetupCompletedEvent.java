package dev.veloera.contracts.setup;

/** The installation was set up; {@code rootUserId} is the root account created with it. */
public record SetupCompletedEvent(String setupId, String rootUserId, long completedAt) {
}
