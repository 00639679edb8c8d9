package dev.veloera.relay.quota;

import dev.veloera.contracts.common.InstanceName;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.relay.web.RelayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay's quota leases (DESIGN.md "Quota leases"): a request takes its estimate from its token's lease
 * in memory; a token whose lease runs low asks command-service for the next one in the background, and
 * requests that find it empty before that grant arrives share that one call. Leases are sized by the token's recent spend ({@link TokenLeases#wanted}); command-service
 * caps the grant. A lease that went idle or nears its expiry is retired and, once its last request has
 * finished, handed back with what was consumed on it; a hand-back that fails is tried again until the lease
 * has expired on the command side anyway. A relay that is killed hands nothing back: its leases are closed by
 * their deadlines in command-service.
 */
@Component
public class QuotaLeases {

    private static final Logger log = LoggerFactory.getLogger(QuotaLeases.class);

    private final LeaseService client;
    private final LeaseProperties properties;
    private final String instance;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, TokenLeases> tokens = new ConcurrentHashMap<>();
    private final Queue<Pending> unreturned = new ConcurrentLinkedQueue<>();
    /** Hand-backs and refills ahead of need: calls to command-service no request waits for. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "quota-lease-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    private final Timer grantTime;
    private final Counter granted;
    private final Counter returned;
    private long lastTick = System.nanoTime();
    /** The last grant that failed because command-service did not answer, cleared by the next grant. */
    private volatile Failure commandServiceFailure;

    QuotaLeases(LeaseService client, LeaseProperties properties, @Value("${server.port:3000}") String port,
                MeterRegistry meters) {
        this.client = client;
        this.properties = properties;
        this.instance = InstanceName.resolve(properties.instanceId(), port);
        this.grantTime = Timer.builder("veloera.relay.lease.grant").description("time to obtain a lease")
                .register(meters);
        this.granted = meters.counter("veloera.relay.leases.granted");
        this.returned = meters.counter("veloera.relay.leases.returned");
        Gauge.builder("veloera.relay.leases.held", tokens, t -> t.values().stream()
                .filter(token -> token.current() != null).count()).register(meters);
        housekeeping.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Takes {@code estimate} for one request of token {@code tokenId}; a refusal is a
     * {@link dev.veloera.relay.web.RelayException} with the command side's reason.
     */
    public Spend take(long userId, long tokenId, long estimate) {
        return tokens.computeIfAbsent(tokenId, id -> new TokenLeases(userId, tokenId, this)).take(estimate);
    }

    LeaseGrant grant(LeaseRequest request) {
        long started = System.nanoTime();
        try {
            LeaseGrant grant = client.grant(request);
            granted.increment();
            commandServiceFailure = null;
            return grant;
        } catch (RelayException e) {
            if (e.httpStatus() == 503) {
                commandServiceFailure = new Failure(now(), e.getMessage());
            }
            throw e;
        } finally {
            grantTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** The lease this relay spends: usable until a margin before command-service's expiry. */
    Lease lease(LeaseGrant grant, long userId, long tokenId) {
        long now = now();
        long margin = Math.min(properties.retireBefore().toMillis(), Math.max(0, grant.expiresAt() - now) / 2);
        return new Lease(grant.leaseId(), userId, tokenId, grant.amount(), grant.expiresAt() - margin, now,
                lease -> background.execute(() -> handBack(new Pending(lease, grant.expiresAt()))));
    }

    private void handBack(Pending lease) {
        if (client.giveBack(lease.toReturn())) {
            returned.increment();
        } else if (now() < lease.expiresAt()) {
            unreturned.add(lease);
        }
    }

    private void tick() {
        try {
            long nanos = System.nanoTime();
            double elapsed = (nanos - lastTick) / 1e9;
            lastTick = nanos;
            long now = now();
            tokens.values().removeIf(token -> !token.tick(now, elapsed));
            for (int i = unreturned.size(); i > 0; i--) {
                Pending lease = unreturned.poll();
                if (lease != null) {
                    handBack(lease);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Lease housekeeping failed; it runs again in a second", e);
        }
    }

    /** Hands every lease back on a graceful stop (requests have drained by then); a kill leaves it to the deadlines. */
    @PreDestroy
    void handBackAll() {
        housekeeping.shutdownNow();
        tokens.values().forEach(token -> {
            Lease lease = token.current();
            if (lease != null) {
                lease.retire();
            }
        });
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Some leases were not handed back within 5 s; command-service releases them at their expiry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void inBackground(Runnable work) {
        background.execute(work);
    }

    String instance() {
        return instance;
    }

    LeaseProperties properties() {
        return properties;
    }

    long now() {
        return clock.millis();
    }

    /** Null while grants work; else when and why the last one could not reach command-service. */
    Failure commandServiceFailure() {
        return commandServiceFailure;
    }

    record Failure(long at, String message) {
    }

    private record Pending(Lease lease, long expiresAt) {
        LeaseReturn toReturn() {
            return new LeaseReturn(lease.id, lease.userId, lease.tokenId, lease.consumed());
        }
    }
}
