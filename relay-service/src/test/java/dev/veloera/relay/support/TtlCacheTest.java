package dev.veloera.relay.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TtlCacheTest {

    @Test
    void canServeFromMemoryUntilTheEntryExpires() {
        AtomicLong now = new AtomicLong();
        AtomicInteger loads = new AtomicInteger();
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), 10, now::get);

        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.get("k", k -> loads.incrementAndGet())).isEqualTo(2);
    }

    @Test
    void cannotRememberWhatItWasToldNotTo() {
        AtomicInteger loads = new AtomicInteger();
        TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofMinutes(1), 10, () -> 0L);
        cache.get("k", k -> loads.incrementAndGet(), v -> false);
        cache.get("k", k -> loads.incrementAndGet(), v -> false);
        assertThat(loads).hasValue(2);
    }

    @Test
    void cannotGrowBeyondItsBound() {
        TtlCache<Integer, Integer> cache = new TtlCache<>(Duration.ofMinutes(1), 3, () -> 0L);
        for (int i = 0; i < 100; i++) {
            cache.get(i, k -> k);
        }
        AtomicInteger loads = new AtomicInteger();
        cache.get(99, k -> loads.incrementAndGet());
        assertThat(loads).hasValue(0);
    }
}
