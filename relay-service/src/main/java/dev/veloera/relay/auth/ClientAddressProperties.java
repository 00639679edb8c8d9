package dev.veloera.relay.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the relay takes a client's address from, for a token's {@code allow_ips}.
 *
 * @param trustedProxies addresses and CIDR ranges of reverse proxies in front of the relay
 *                       ({@code VELOERA_TRUSTED_PROXIES}, comma or newline separated). {@code X-Forwarded-For} is
 *                       believed only when the socket's peer is one of them; blank (the default): never, the
 *                       client is the socket's peer.
 */
@ConfigurationProperties(prefix = "veloera.client-address")
public record ClientAddressProperties(String trustedProxies) {
}
