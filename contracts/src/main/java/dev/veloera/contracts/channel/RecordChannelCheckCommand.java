package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The outcome of a channel test or balance query against its upstream. {@code responseTimeMs} is set for a test,
 * {@code balance} (USD) for a balance query; the other is null.
 */
public record RecordChannelCheckCommand(@TargetAggregateIdentifier String channelId, Long responseTimeMs,
                                        Double balance, Actor actor) {
}
