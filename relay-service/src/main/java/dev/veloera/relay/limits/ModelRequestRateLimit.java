package dev.veloera.relay.limits;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.relay.catalog.Catalog;
import dev.veloera.relay.catalog.RelayOptions;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Veloera's ModelRequestRateLimit: with ModelRequestRateLimitEnabled, a user may start at most
 * ModelRequestRateLimitCount requests (0: no such limit) and complete at most ModelRequestRateLimitSuccessCount
 * successful ones per ModelRequestRateLimitDurationMinutes; beyond, 429 in OpenAI's format. Counted in this relay's
 * memory (a sliding window of timestamps per user), as Veloera counts without Redis: behind several relays the limits
 * hold per relay instance.
 */
@Component
public class ModelRequestRateLimit {

    private final Catalog catalog;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();

    ModelRequestRateLimit(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Counts a request of {@code userId} starting now, or refuses it with 429. */
    public void admit(long userId) {
        RelayOptions options = catalog.options();
        if (!options.rateLimitEnabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        long windowMillis = options.rateLimitWindow().toMillis();
        Window window = windows.computeIfAbsent(userId, id -> new Window());
        synchronized (window) {
            window.expire(now - windowMillis);
            if (options.rateLimitCount() > 0 && window.started.size() >= options.rateLimitCount()) {
                throw refused(options.rateLimitCount(), options);
            }
            if (options.rateLimitSuccessCount() > 0 && window.succeeded.size() >= options.rateLimitSuccessCount()) {
                throw refused(options.rateLimitSuccessCount(), options);
            }
            window.started.addLast(now);
        }
    }

    /** Counts a successful request of {@code userId}. */
    public void succeeded(long userId) {
        if (!catalog.options().rateLimitEnabled()) {
            return;
        }
        Window window = windows.computeIfAbsent(userId, id -> new Window());
        synchronized (window) {
            window.succeeded.addLast(System.currentTimeMillis());
        }
    }

    private static RelayException refused(int limit, RelayOptions options) {
        return new RelayException(GatewayError.RATE_LIMITED, 429, "You have reached the request limit: at most "
                + limit + " requests in " + options.rateLimitWindow().toMinutes() + " minute(s).");
    }

    private static final class Window {
        final ArrayDeque<Long> started = new ArrayDeque<>();
        final ArrayDeque<Long> succeeded = new ArrayDeque<>();

        void expire(long before) {
            while (!started.isEmpty() && started.peekFirst() <= before) {
                started.removeFirst();
            }
            while (!succeeded.isEmpty() && succeeded.peekFirst() <= before) {
                succeeded.removeFirst();
            }
        }
    }
}
