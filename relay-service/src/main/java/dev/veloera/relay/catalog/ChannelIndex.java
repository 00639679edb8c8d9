package dev.veloera.relay.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.common.Status;

/**
 * The abilities of the enabled channels, group → model → channels, each list by priority (highest first), then
 * weight (highest first), then id. Immutable: rebuilt whole when a channel changes, which is rare, so a request
 * reads it without locks.
 */
record ChannelIndex(Map<String, NavigableMap<String, List<CatalogChannel>>> byGroup, Map<Long, CatalogChannel> byId) {

    static final ChannelIndex EMPTY = new ChannelIndex(Map.of(), Map.of());

    private static final Comparator<CatalogChannel> PREFERRED_FIRST = Comparator
            .comparingLong(CatalogChannel::priority).reversed()
            .thenComparing(Comparator.comparingInt(CatalogChannel::weight).reversed())
            .thenComparingLong(CatalogChannel::id);

    static ChannelIndex of(Collection<CatalogChannel> channels) {
        Map<String, NavigableMap<String, List<CatalogChannel>>> index = new HashMap<>();
        Map<Long, CatalogChannel> byId = new HashMap<>();
        for (CatalogChannel channel : channels) {
            byId.put(channel.id(), channel);
            if (channel.status() != Status.ENABLED) {
                continue;
            }
            for (String group : nullSafe(channel.groups())) {
                for (String model : nullSafe(channel.models())) {
                    index.computeIfAbsent(group, g -> new TreeMap<>())
                            .computeIfAbsent(model, m -> new ArrayList<>())
                            .add(channel);
                }
            }
        }
        index.values().forEach(models -> models.replaceAll((model, list) -> {
            list.sort(PREFERRED_FIRST);
            return List.copyOf(list);
        }));
        index.replaceAll((group, models) -> Collections.unmodifiableNavigableMap(models));
        return new ChannelIndex(Map.copyOf(index), Map.copyOf(byId));
    }

    List<CatalogChannel> candidates(String group, String model) {
        return byGroup.getOrDefault(group, Collections.emptyNavigableMap()).getOrDefault(model, List.of());
    }

    NavigableMap<String, List<CatalogChannel>> models(String group) {
        return byGroup.getOrDefault(group, Collections.emptyNavigableMap());
    }

    private static List<String> nullSafe(List<String> values) {
        return values == null ? List.of() : values;
    }
}
