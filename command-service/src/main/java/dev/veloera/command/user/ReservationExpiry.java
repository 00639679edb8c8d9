package dev.veloera.command.user;

/** Payload of the deadline that releases a reservation nobody settled in time. */
public record ReservationExpiry(String reservationId) {
}
