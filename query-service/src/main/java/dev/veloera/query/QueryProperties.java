package dev.veloera.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the read API.
 *
 * @param version    shown by {@code GET /api/status}
 * @param systemName shown by {@code GET /api/status}
 */
@ConfigurationProperties("veloera.query")
public record QueryProperties(@DefaultValue("0.1.0") String version, @DefaultValue("Veloera") String systemName) {
}
