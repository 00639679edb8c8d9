package dev.veloera.command.user;

import java.time.Duration;

/** How long a quota lease lives before its deadline closes it ({@code VELOERA_LEASE_TTL}); injected into the aggregate. */
public record LeasePolicy(Duration ttl) {
}
