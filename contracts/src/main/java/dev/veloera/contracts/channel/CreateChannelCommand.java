package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Creates an upstream channel. Its abilities are every (group, model) pair of {@code groups} ×
 * {@code models}, with the channel's priority and weight. {@code modelMapping} renames a
 * requested model to the upstream's name.
 */
public record CreateChannelCommand(@TargetAggregateIdentifier String channelId, int type, String name, String key,
                                   String baseUrl, List<String> models, List<String> groups, long priority,
                                   int weight, Map<String, String> modelMapping, String testModel, Actor actor) {
}
