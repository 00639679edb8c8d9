package dev.veloera.relay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the relay, each bound to an environment variable in {@code application.yml}.
 *
 * @param commandUrl     command-service: quota leases and every non-GET {@code /api/**}
 * @param queryUrl       query-service: GET and HEAD {@code /api/**}
 * @param internalSecret shared secret for command-service's internal API
 * @param cacheTtl       how long keys, channels, abilities and prices are served from memory
 * @param upstream       timeouts towards channels and the forwarded services
 * @param usage          the usage topic and the local spool used while Kafka is unreachable
 */
@ConfigurationProperties(prefix = "veloera")
public record RelayProperties(URI commandUrl, URI queryUrl, String internalSecret, Duration cacheTtl,
                              Upstream upstream, Usage usage) {

    /**
     * @param responseTimeout   until the upstream's response headers
     * @param streamIdleTimeout longest silence of a streaming upstream before the relay gives up on it
     */
    public record Upstream(Duration connectTimeout, Duration responseTimeout, Duration streamIdleTimeout,
                           Duration forwardTimeout) {
    }

    /**
     * @param replication    replication factor of the usage topic when the relay creates it
     * @param ackTimeout     how long a request waits for Kafka to acknowledge its usage record before the record
     *                       is fsync'd to the spool instead (the client's answer completes only after either)
     * @param spoolDir       directory of the append-only spool file
     * @param replayInterval how often the spool is offered to Kafka again
     * @param replayTimeout  how long one replayed batch waits for Kafka's acknowledgements
     */
    public record Usage(short replication, Duration ackTimeout, Path spoolDir, Duration replayInterval,
                        Duration replayTimeout) {
    }
}
