package dev.veloera.relay.channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.relay.catalog.Catalog;
import org.springframework.stereotype.Repository;

/**
 * Channels and abilities as the relay's {@link Catalog} holds them: enabled channels only, no database. A channel's
 * keys and settings are prepared once per catalog version of it, not per request.
 */
@Repository
class ChannelRepository {

    private final Catalog catalog;
    private final Map<Long, Channel> prepared = new ConcurrentHashMap<>();

    ChannelRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The enabled channels able to serve {@code model} in {@code group}, by priority, then weight. */
    List<Channel> findEnabled(String group, String model) {
        List<CatalogChannel> found = catalog.channelsFor(group, model);
        List<Channel> channels = new ArrayList<>(found.size());
        for (CatalogChannel c : found) {
            channels.add(prepared(c));
        }
        return channels;
    }

    /** The channel by id as last published (enabled or not), or null. */
    Channel findById(long id) {
        CatalogChannel c = catalog.channel(id);
        return c == null ? null : prepared(c);
    }

    /** Each model the group reaches, once per type of channel serving it, in model order. */
    List<ModelEntry> findModels(String group) {
        List<ModelEntry> models = new ArrayList<>();
        for (Map.Entry<String, List<CatalogChannel>> model : catalog.modelsOf(group).entrySet()) {
            Set<Integer> types = new LinkedHashSet<>();
            model.getValue().forEach(c -> types.add(c.type()));
            types.forEach(type -> models.add(new ModelEntry(model.getKey(), type)));
        }
        return models;
    }

    private Channel prepared(CatalogChannel c) {
        Channel channel = prepared.get(c.id());
        if (channel == null || channel.source() != c) {
            channel = Channel.of(c);
            prepared.put(c.id(), channel);
        }
        return channel;
    }
}
