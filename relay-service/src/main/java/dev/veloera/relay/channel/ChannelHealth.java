package dev.veloera.relay.channel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.veloera.contracts.catalog.CatalogChannel;
import dev.veloera.contracts.common.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What this relay knows about channels beyond the catalog: which key of a channel is next (keys are used in turn),
 * which keys were refused upstream (set aside alone while others remain), and which channels it auto-disabled. A
 * channel or key set aside stays aside for the catalog version of the channel it was seen on: the status change
 * this relay reports comes back through the catalog (the channel leaves it while disabled), and a channel enabled
 * again or edited is a new version, usable again at once. All in memory; the report to command-service is sent in
 * the background ({@link ChannelStatusReporter}), never on the request's path.
 */
@Component
public class ChannelHealth {

    private static final Logger log = LoggerFactory.getLogger(ChannelHealth.class);

    private final ChannelStatusReporter reporter;
    /** channel id → the version that was disabled. */
    private final Map<Long, CatalogChannel> disabled = new ConcurrentHashMap<>();
    /** channel id → the version and its keys set aside. */
    private final Map<Long, BadKeys> badKeys = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> turns = new ConcurrentHashMap<>();

    ChannelHealth(ChannelStatusReporter reporter) {
        this.reporter = reporter;
    }

    private record BadKeys(CatalogChannel version, Set<String> keys) {
    }

    /** Whether the channel may be chosen: not disabled by this relay, and some key left. */
    public boolean usable(Channel channel) {
        CatalogChannel off = disabled.get(channel.id());
        if (off != null && off == channel.source()) {
            return false;
        }
        return !usableKeys(channel).isEmpty();
    }

    /** The channel's next key in turn among those not set aside. */
    public String nextKey(Channel channel) {
        List<String> keys = usableKeys(channel);
        if (keys.isEmpty()) {
            return channel.apiKey();
        }
        if (keys.size() == 1) {
            return keys.getFirst();
        }
        int turn = turns.computeIfAbsent(channel.id(), id -> new AtomicInteger()).getAndIncrement();
        return keys.get(Math.floorMod(turn, keys.size()));
    }

    /**
     * The upstream refused {@code key} for good (revoked, deactivated, out of quota): the key is set aside; when it
     * was the channel's last, the channel is disabled (status 3) and reported. Only for channels with auto-ban on.
     */
    public void keyFailed(Channel channel, String key, String reason) {
        if (!channel.autoBan()) {
            return;
        }
        if (channel.keys().size() > 1) {
            BadKeys bad = badKeys.compute(channel.id(), (id, current) -> {
                BadKeys fresh = current == null || current.version() != channel.source()
                        ? new BadKeys(channel.source(), ConcurrentHashMap.newKeySet()) : current;
                fresh.keys().add(key);
                return fresh;
            });
            if (bad.keys().size() < channel.keys().size()) {
                log.warn("Channel {} ({}): key {} set aside ({}); {} of {} keys left", channel.id(), channel.name(),
                        mask(key), reason, channel.keys().size() - bad.keys().size(), channel.keys().size());
                return;
            }
        }
        disable(channel, reason);
    }

    /** Sets the channel aside here at once and reports it auto-disabled to command-service. */
    void disable(Channel channel, String reason) {
        CatalogChannel previous = disabled.put(channel.id(), channel.source() == null ? placeholder(channel)
                : channel.source());
        if (previous != null && previous == channel.source()) {
            return; // already reported for this version
        }
        log.warn("Channel {} ({}) auto-disabled: {}", channel.id(), channel.name(), reason);
        reporter.report(channel.id(), Status.AUTO_DISABLED, reason);
    }

    private List<String> usableKeys(Channel channel) {
        BadKeys bad = badKeys.get(channel.id());
        if (bad == null || bad.version() != channel.source()) {
            return channel.keys();
        }
        return channel.keys().stream().filter(k -> !bad.keys().contains(k)).toList();
    }

    private static CatalogChannel placeholder(Channel channel) {
        return new CatalogChannel(channel.id(), channel.name(), channel.type(), "", "", Status.AUTO_DISABLED,
                List.of(), List.of(), 0, 0, Map.of());
    }

    static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 4) + "…" + key.substring(key.length() - 4);
    }
}
