package dev.veloera.relay.quota;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the relay sizes and keeps its quota leases ({@code veloera.leases.*}).
 *
 * @param instanceId    this relay's name on its leases ({@code VELOERA_INSTANCE_ID}); blank for {@code <host>-<port>}
 * @param spendWindow   a lease asks for about this long of the token's recent spend
 * @param minimumAhead  a lease asks for at least this many estimates of the request that needs it
 * @param idleAfter     a lease nobody took from for this long is handed back
 * @param retireBefore  a lease is no longer taken from this long before it expires, and handed back
 * @param grantTimeout  how long a request waits for command-service to grant a lease
 */
@ConfigurationProperties("veloera.leases")
public record LeaseProperties(String instanceId,
                              @DefaultValue("5s") Duration spendWindow,
                              @DefaultValue("4") int minimumAhead,
                              @DefaultValue("5s") Duration idleAfter,
                              @DefaultValue("30s") Duration retireBefore,
                              @DefaultValue("10s") Duration grantTimeout) {
}
