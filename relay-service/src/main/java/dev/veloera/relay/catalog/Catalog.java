package dev.veloera.relay.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.catalog.CatalogOption;
import dev.veloera.contracts.catalog.CatalogToken;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.contracts.catalog.CatalogUser;
import dev.veloera.contracts.pricing.PricingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Everything a request is decided on, in memory: the last value read per key of {@code veloera.catalog.v1}. Tokens
 * by key hash (and by id, for updates and tombstones), users by id, the enabled channels' abilities
 * ({@link ChannelIndex}) and the pricing table. One writer, {@link CatalogFollower}'s thread; requests read
 * concurrently without locks: maps are concurrent, the index and the pricing table are immutable and swapped whole.
 * An unknown key costs one map miss.
 */
@Component
public class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    /** A newer query-service may add fields: a relay keeps reading what it knows. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<Long, CatalogToken> tokensById = new ConcurrentHashMap<>();
    private final Map<String, CatalogToken> tokensByHash = new ConcurrentHashMap<>();
    private final Map<Long, CatalogUser> users = new ConcurrentHashMap<>();
    private final Map<Long, CatalogChannel> channels = new HashMap<>();
    private final Map<String, String> options = new HashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private volatile ChannelIndex channelIndex = ChannelIndex.EMPTY;
    private volatile PricingTable pricing = PricingTable.defaults();
    private volatile RelayOptions relayOptions = RelayOptions.DEFAULTS;
    private volatile boolean loaded;
    private boolean channelsChanged;
    private boolean optionsChanged;

    /** Whether the topic has been read up to where it ended when this relay started. */
    public boolean loaded() {
        return loaded;
    }

    /** The token whose key hashes to {@code keyHash}, or null. */
    public CatalogToken tokenByKeyHash(String keyHash) {
        return tokensByHash.get(keyHash);
    }

    /** The user, or null. */
    public CatalogUser user(long id) {
        return users.get(id);
    }

    /** The enabled channels serving {@code model} to {@code group}, by priority, then weight (highest first). */
    public List<CatalogChannel> channelsFor(String group, String model) {
        return channelIndex.candidates(group, model);
    }

    /** The models {@code group} reaches, in name order, each with the enabled channels serving it. */
    public NavigableMap<String, List<CatalogChannel>> modelsOf(String group) {
        return channelIndex.models(group);
    }

    public PricingTable pricing() {
        return pricing;
    }

    /** The options the relay acts on (retries, auto-disable, rate limits, cache ratios), parsed once per change. */
    public RelayOptions options() {
        return relayOptions;
    }

    /** The channel as last published, enabled or not, or null. */
    public CatalogChannel channel(long id) {
        return channelIndex.byId().get(id);
    }

    long recordsApplied() {
        return applied.get();
    }

    int tokenCount() {
        return tokensById.size();
    }

    /** Applies one record: a value replaces the key's entry, a null value (tombstone) removes it. */
    void apply(String key, String value) {
        if (key == null) {
            return;
        }
        applied.incrementAndGet();
        String id = CatalogTopic.idOf(key);
        try {
            switch (CatalogTopic.kindOf(key)) {
                case CatalogTopic.TOKEN -> token(Long.parseLong(id), value == null ? null
                        : JSON.readValue(value, CatalogToken.class));
                case CatalogTopic.USER -> user(Long.parseLong(id), value == null ? null
                        : JSON.readValue(value, CatalogUser.class));
                case CatalogTopic.CHANNEL -> channel(Long.parseLong(id), value == null ? null
                        : JSON.readValue(value, CatalogChannel.class));
                case CatalogTopic.OPTION -> option(id, value == null ? null : JSON.readValue(value, CatalogOption.class));
                default -> log.debug("Catalog entry {} is of a kind this relay does not use; ignored", key);
            }
        } catch (Exception e) {
            log.warn("Catalog entry {} cannot be read ({}); the relay keeps its previous value for it. "
                    + "Check the query-service version that published it.", key, e.toString());
        }
        if (loaded) {
            rebuildChanged();
        }
    }

    /** The initial read is complete: build what was deferred during it and start serving. */
    void markLoaded() {
        rebuildChanged();
        loaded = true;
    }

    private void token(long id, CatalogToken token) {
        CatalogToken previous = token == null ? tokensById.remove(id) : tokensById.put(id, token);
        if (previous != null && (token == null || !previous.keyHash().equals(token.keyHash()))) {
            tokensByHash.remove(previous.keyHash(), previous);
        }
        if (token != null) {
            tokensByHash.put(token.keyHash(), token);
        }
    }

    private void user(long id, CatalogUser user) {
        if (user == null) {
            users.remove(id);
        } else {
            users.put(id, user);
        }
    }

    private void channel(long id, CatalogChannel channel) {
        if (channel == null) {
            channels.remove(id);
        } else {
            channels.put(id, channel);
        }
        channelsChanged = true;
    }

    private void option(String key, CatalogOption option) {
        if (option == null || option.value() == null) {
            options.remove(key);
        } else {
            options.put(key, option.value());
        }
        optionsChanged = true;
    }

    /** Rebuilt once per change after loading, once in all while loading (a rebuild per channel would be quadratic). */
    private void rebuildChanged() {
        if (channelsChanged) {
            channelIndex = ChannelIndex.of(channels.values());
            channelsChanged = false;
        }
        if (optionsChanged) {
            pricing = PricingOptions.table(options);
            relayOptions = RelayOptions.of(options);
            optionsChanged = false;
        }
    }
}
