package dev.veloera.query.catalog;

import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.ApiTokenDeletedEvent;
import dev.veloera.contracts.user.ApiTokenStatusChangedEvent;
import dev.veloera.contracts.user.ApiTokenUpdatedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.contracts.user.UserRoleChangedEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import dev.veloera.query.user.UserProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Users and tokens to the catalog, after {@code UserProjection} and {@code TokenProjection} wrote their rows (same
 * group, see {@link CatalogOrder}). Only events that change what the relay decides on: balances are not in the
 * catalog. Not during a replay: the rows then pass through past states, and relays must not see a disabled token
 * come back for a moment; what they hold is already the current state.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PUBLICATION)
@DisallowReplay
class UserCatalogPublication {

    private final CatalogPublisher publisher;

    UserCatalogPublication(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }

    /** A disabled user's keys are refused; a deleted user's entry is a tombstone (the row reads as absent). */
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

    /** The group may have changed, and with it the prices and channels of the user's requests. */
    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        publisher.publishUser(Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(ApiTokenCreatedEvent event) {
        publisher.publishToken(event.tokenId());
    }

    @EventHandler
    void on(ApiTokenUpdatedEvent event) {
        publisher.publishToken(event.tokenId());
    }

    @EventHandler
    void on(ApiTokenStatusChangedEvent event) {
        publisher.publishToken(event.tokenId());
    }

    /** The row is soft-deleted by now: the entry becomes a tombstone. */
    @EventHandler
    void on(ApiTokenDeletedEvent event) {
        publisher.publishToken(event.tokenId());
    }
}
