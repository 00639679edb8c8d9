package dev.veloera.command.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenWait how long {@code POST /api/token/} waits for the new key to be in the relays' catalog before it
 *                  answers anyway ({@code VELOERA_TOKEN_CATALOG_WAIT}); 0 answers at once and does not follow the
 *                  catalog at all
 */
@ConfigurationProperties("veloera.catalog")
public record CatalogProperties(@DefaultValue("5s") Duration tokenWait) {

    /** The setting's name for operators, in log lines. */
    public static final String TOKEN_WAIT_VARIABLE = "VELOERA_TOKEN_CATALOG_WAIT";
}
