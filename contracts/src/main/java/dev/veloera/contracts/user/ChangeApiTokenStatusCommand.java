package dev.veloera.contracts.user;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enables (1) or disables (2) a user's own API token ({@code PUT /api/token/?status_only=1}). A disabled token is
 * refused by every relay once the catalog carries the change.
 */
public record ChangeApiTokenStatusCommand(@TargetAggregateIdentifier String userId, long tokenId, int status,
                                          Actor actor) {
}
