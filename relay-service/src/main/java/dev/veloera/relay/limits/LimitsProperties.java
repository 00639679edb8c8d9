package dev.veloera.relay.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody largest request body on the relay's API, after gzip decompression
 *                       ({@code VELOERA_MAX_REQUEST_BODY}, 32 MB); larger ones are answered 413
 */
@ConfigurationProperties("veloera.limits")
public record LimitsProperties(DataSize maxRequestBody) {

    public LimitsProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofMegabytes(32);
        }
    }
}
