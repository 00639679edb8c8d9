package dev.veloera.query.user;

import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.UserRoleChangedEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.catalog.CatalogPublisher;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A user's status, role, group or deletion to the relays' catalog, after the row is written (same group and
 * transaction, {@link CatalogOrder}): a disabled or deleted user's keys are refused by every relay within the
 * catalog's bound. A deleted user's entry becomes a tombstone (the row reads as absent).
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PUBLICATION)
@DisallowReplay
class UserAdministrationPublication {

    private final CatalogPublisher publisher;

    UserAdministrationPublication(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(UserStatusChangedEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(UserRoleChangedEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }
}
