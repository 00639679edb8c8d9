package dev.veloera.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Veloera's critical rate limit: {@value #LIMIT} attempts per 20 minutes per client address on the handlers
 * marked {@link CriticalRateLimited}, in a sliding window, before the handler runs (a refused attempt does not
 * count). The address is the last entry of {@code X-Forwarded-For}, the one the relay appends itself (earlier
 * entries come from the client and prove nothing), else the connection's peer. Per command-service instance:
 * with N replicas behind a balancer an address gets up to N × the limit, as with Veloera's in-memory limiter.
 */
@Component
public class CriticalRateLimit implements HandlerInterceptor, WebMvcConfigurer {

    public static final int LIMIT = 20;
    public static final Duration WINDOW = Duration.ofMinutes(20);
    /** Above this many tracked addresses, expired windows are swept before a new one is added. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final long windowMillis;

    /**
     * Veloera's figures unless {@code veloera.critical-rate-limit.limit} / {@code .window} say otherwise (the
     * service's own test suites raise the limit: they log in from one address far more than 20 times). Plain
     * values rather than a properties record so the web slices need no extra configuration.
     */
    @org.springframework.beans.factory.annotation.Autowired
    public CriticalRateLimit(@Value("${veloera.critical-rate-limit.limit:" + LIMIT + "}") int limit,
                             @Value("${veloera.critical-rate-limit.window:PT20M}") Duration window) {
        this(Clock.systemUTC(), limit, window);
    }

    CriticalRateLimit(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(CriticalRateLimited.class)) {
            acquire(clientAddress(request));
        }
        return true;
    }

    /** Counts one attempt from {@code address}, or throws 429 when it made {@value #LIMIT} within the window. */
    public void acquire(String address) {
        long now = clock.millis();
        long since = now - windowMillis;
        if (attempts.size() > SWEEP_ABOVE) {
            sweep(since);
        }
        Deque<Long> times = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= since) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                long retryAfter = Math.max(1, (times.peekFirst() + windowMillis - now) / 1000);
                throw new ApiException("too_many_requests", 429,
                        "too many attempts from this address, try again in " + retryAfter + " s");
            }
            times.addLast(now);
        }
    }

    private void sweep(long since) {
        for (Iterator<Deque<Long>> it = attempts.values().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next();
            synchronized (times) {
                if (times.isEmpty() || times.peekLast() <= since) {
                    it.remove();
                }
            }
        }
    }

    static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}
