package dev.veloera.query.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalog publication ({@code veloera.catalog.*}).
 *
 * @param replication     replication factor of {@code veloera.catalog.v1} when this service creates it
 *                        ({@code VELOERA_KAFKA_REPLICATION})
 * @param sendTimeout     how long one catalog record's acknowledgement is awaited inside the projection's
 *                        transaction ({@code VELOERA_CATALOG_SEND_TIMEOUT}); past it the event is rolled back and
 *                        retried by its tracking processor
 * @param eventFetchDelay how long the event store waits between two polls for events appended by command-service
 *                        ({@code VELOERA_EVENT_FETCH_DELAY}); Axon's default of 1 s alone would spend the catalog's
 *                        whole freshness budget
 */
@ConfigurationProperties("veloera.catalog")
public record CatalogProperties(@DefaultValue("1") short replication,
                                @DefaultValue("2s") Duration sendTimeout,
                                @DefaultValue("50ms") Duration eventFetchDelay) {
}
