package dev.veloera.command.user;

import java.time.Duration;

/** How long a reservation holds quota before its deadline releases it; injected into the aggregate. */
public record ReservationPolicy(Duration ttl) {
}
