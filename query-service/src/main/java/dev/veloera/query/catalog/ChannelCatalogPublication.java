package dev.veloera.query.catalog;

import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.channel.ChannelIds;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Channels to the catalog, after {@code ChannelProjection} wrote the row (see {@link UserCatalogPublication}). */
@Component
@ProcessingGroup("channels")
@Order(CatalogOrder.PUBLICATION)
@DisallowReplay
class ChannelCatalogPublication {

    private final CatalogPublisher publisher;

    ChannelCatalogPublication(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(ChannelCreatedEvent event) {
        publisher.publishChannel(ChannelIds.numericId(event.channelId()));
    }

    @EventHandler
    void on(ChannelStatusChangedEvent event) {
        publisher.publishChannel(ChannelIds.numericId(event.channelId()));
    }

    @EventHandler
    void on(ChannelUpdatedEvent event) {
        publisher.publishChannel(ChannelIds.numericId(event.channelId()));
    }

    /** The row is gone by now: a tombstone, and relays stop routing to it. */
    @EventHandler
    void on(ChannelDeletedEvent event) {
        publisher.publishChannel(ChannelIds.numericId(event.channelId()));
    }
}
