package dev.veloera.query.option;

import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.catalog.CatalogPublisher;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Each option change to the relays' catalog, after {@link OptionProjection} wrote the row (same group and
 * transaction): a Kafka that does not acknowledge rolls the row back and the event is retried. Not during a
 * replay: the start-up pass ({@code StartupOptionsPublication}) publishes the current rows.
 */
@Component
@ProcessingGroup(OptionProjection.GROUP)
@Order(CatalogOrder.PUBLICATION)
@DisallowReplay
class OptionCatalogPublication {

    private final CatalogPublisher publisher;

    OptionCatalogPublication(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(OptionChangedEvent event) {
        publisher.publishOption(event.key());
    }
}
