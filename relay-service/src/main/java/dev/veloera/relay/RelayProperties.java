package dev.veloera.relay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the relay, each bound to an environment variable in {@code application.yml}.
 *
 * @param commandUrl     command-service: quota leases and every non-GET {@code /api/**}
 * @param queryUrl       query-service: GET and HEAD {@code /api/**}
 * @param internalSecret shared secret for command-service's internal API
 * @param upstream       timeouts towards channels and the forwarded services
 * @param usage          the usage topic and the local journal that feeds it
 */
@ConfigurationProperties(prefix = "veloera")
public record RelayProperties(URI commandUrl, URI queryUrl, String internalSecret, Upstream upstream,
                              Usage usage) {

    /**
     * @param responseTimeout   until the upstream's response headers
     * @param streamIdleTimeout longest silence of a streaming upstream before the relay gives up on it
     */
    public record Upstream(Duration connectTimeout, Duration responseTimeout, Duration streamIdleTimeout,
                           Duration forwardTimeout) {
    }

    /**
     * @param replication replication factor of the usage topic when the relay creates it
     * @param journal     the local journal each request's usage record is appended to
     */
    public record Usage(short replication, Journal journal) {
    }

    /**
     * @param dir           directory of the journal's segments and its acknowledged position
     * @param fsyncInterval how often appended records are fsync'd: what an OS crash (not a killed relay) can lose
     * @param segmentSize   a segment is closed at this size and deleted once Kafka acknowledged all of it
     */
    public record Journal(Path dir, Duration fsyncInterval, DataSize segmentSize) {
    }
}
