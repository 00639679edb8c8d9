package dev.veloera.relay.quota;

import java.time.Instant;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code quotaLeases} in {@code /actuator/health}: DOWN while command-service, which grants the leases, does not
 * answer: requests of tokens whose lease runs out are refused (503) until it does. Back UP with the next grant,
 * or {@link #REMEMBERED} after the last failure when no request has asked since.
 */
@Component
class QuotaLeasesHealthIndicator extends AbstractHealthIndicator {

    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(30);

    private final QuotaLeases leases;

    QuotaLeasesHealthIndicator(QuotaLeases leases) {
        this.leases = leases;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        QuotaLeases.Failure failure = leases.commandServiceFailure();
        if (failure == null || leases.now() - failure.at() > REMEMBERED.toMillis()) {
            builder.up();
        } else {
            builder.down().withDetail("lastGrantFailed", Instant.ofEpochMilli(failure.at()).toString())
                    .withDetail("reason", failure.message());
        }
    }
}
