package dev.veloera.relay.channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.relay.catalog.Catalog;
import org.springframework.stereotype.Repository;

/** Channels and abilities as the relay's {@link Catalog} holds them: enabled channels only, no database. */
@Repository
class ChannelRepository {

    private final Catalog catalog;

    ChannelRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The enabled channels able to serve {@code model} in {@code group}, by priority, then weight. */
    List<Channel> findEnabled(String group, String model) {
        return catalog.channelsFor(group, model).stream().map(ChannelRepository::channel).toList();
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

    private static Channel channel(CatalogChannel c) {
        return new Channel(c.id(), c.name(), c.type(), c.key(), c.baseUrl(),
                c.modelMapping() == null ? Map.of() : c.modelMapping(), c.priority(), c.weight());
    }
}
