package dev.veloera.contracts.channel;

import dev.veloera.contracts.common.Actor;

import java.util.List;
import java.util.Map;

/** A channel exists with {@code status} enabled; {@code createdTime} is epoch seconds. */
public record ChannelCreatedEvent(String channelId, int type, String name, String key, String baseUrl,
                                  List<String> models, List<String> groups, long priority, int weight,
                                  Map<String, String> modelMapping, String testModel, int status,
                                  long createdTime, Actor actor) {
}
