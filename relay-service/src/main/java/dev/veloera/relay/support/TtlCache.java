package dev.veloera.relay.support;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A small map whose entries live for a fixed time. The relay reads the read model on every request;
 * a few seconds of staleness (a disabled key still working for that long) is the accepted price for
 * not hitting the database each time.
 */
public final class TtlCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    public TtlCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    TtlCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The cached value, or the loader's value (cached from now on). */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return get(key, loader, v -> true);
    }

    /**
     * The cached value, or the loader's value, cached only when {@code cacheable} says so: a miss (no such
     * key yet) is not remembered, so that a token or channel created a moment ago works at once.
     */
    public V get(K key, Function<? super K, ? extends V> loader, Predicate<? super V> cacheable) {
        long now = nanoClock.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (ttlNanos > 0 && cacheable.test(value)) {
            if (entries.size() >= maxEntries) {
                evict(now);
            }
            entries.put(key, new Entry<>(value, now + ttlNanos));
        }
        return value;
    }

    public void clear() {
        entries.clear();
    }

    private void evict(long now) {
        entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }
}
