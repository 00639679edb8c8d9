package dev.veloera.relay.quota;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.relay.web.RelayException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay's side of quota leases against a command side that behaves like UserAccount: it grants at most
 * what is left of a balance and refuses when less than the request's estimate is left.
 */
class QuotaLeasesTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    private final Ledger ledger = new Ledger();
    private QuotaLeases leases;

    @AfterEach
    void stop() {
        if (leases != null) {
            leases.handBackAll();
        }
    }

    @Test
    void concurrentRequestsOfOneTokenShareGrantCalls() throws Exception {
        ledger.balance.set(1_000_000);
        ledger.grantDelayMillis = 200;
        leases = leases();

        List<Spend> spends = runConcurrently(50, () -> leases.take(1, 10, 100));

        // the first grant is sized before the burst is seen; the next one asks for everyone still waiting
        assertThat(spends).hasSize(50).allMatch(spend -> spend.leaseId() != null);
        assertThat(ledger.grants.get()).isBetween(1, 3);
    }

    @Test
    void neverServesMoreThanTheBalanceCoversHoweverManyRequestsRace() throws Exception {
        ledger.balance.set(20 * 10); // covers 20 requests of 10
        leases = leases();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        runConcurrently(200, () -> {
            try {
                Spend spend = leases.take(1, 10, 10);
                served.incrementAndGet();
                Thread.sleep(5);
                spend.finish(10);
            } catch (RelayException e) {
                assertThat(e.error()).isEqualTo(GatewayError.INSUFFICIENT_USER_QUOTA);
                refused.incrementAndGet();
            }
            return null;
        });

        assertThat(served.get()).isLessThanOrEqualTo(20).isPositive();
        assertThat(served.get() + refused.get()).isEqualTo(200);
    }

    @Test
    void aLeaseIsSizedForEveryRequestInFlightNotOnlyForThoseWaiting() {
        // found by bench/request-path.sh: at 64 connections on a token whose spend rate was not known yet (or had
        // decayed), leases of a few estimates were held whole by the requests in flight, every grant was soon
        // replaced by the next, and a request that lost the race for 16 grants in a row was refused with
        // insufficient_user_quota on a balance of 10^12
        ledger.balance.set(1_000_000_000_000L);
        leases = leases();
        List<Spend> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(leases.take(1, 10, 10)); // none finishes: 20 requests in flight
        }

        // 4 estimates (minimumAhead), then twice the 4 in flight, then twice the 11 in flight: 3 grants, where
        // leases sized for the waiting requests alone took 5
        assertThat(ledger.grants.get()).isLessThanOrEqualTo(3);
        assertThat(ledger.requests).last().satisfies(last -> assertThat(last.wanted()).isGreaterThanOrEqualTo(220));
        held.forEach(spend -> spend.finish(7));
    }

    @Test
    void aLeaseRunningLowIsRefilledAheadSoTheNextRequestDoesNotWaitForCommandService() {
        ledger.balance.set(1_000_000);
        ledger.grantDelayMillis = 200;
        leases = leases();
        Spend first = leases.take(1, 10, 100); // a lease of four estimates (minimumAhead)
        for (int i = 0; i < 3; i++) {
            leases.take(1, 10, 100); // the last one empties it: the next lease is asked for in the background
        }

        await().atMost(Duration.ofMillis(ledger.grantDelayMillis).plusSeconds(5)).until(() -> ledger.grants.get() == 2);
        ledger.unreachable = true; // a request that needed a grant now would be refused
        Spend fifth = leases.take(1, 10, 100);
        assertThat(fifth.leaseId()).isNotNull().isNotEqualTo(first.leaseId());
        assertThat(ledger.attempts.get()).isEqualTo(2);
    }

    @Test
    void aRefillAheadThatFailsFailsNoRequestAndIsNotRetriedAtOnce() {
        ledger.balance.set(1_000_000);
        leases = leases();
        for (int i = 0; i < 3; i++) {
            leases.take(1, 10, 100);
        }
        ledger.unreachable = true;
        Spend fourth = leases.take(1, 10, 100); // empties the lease; the refill ahead fails in the background
        assertThat(fourth.leaseId()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.attempts.get() == 2);

        // the next request finds the lease empty and asks itself: it gets the reason, and no refill ran meanwhile
        assertThatThrownBy(() -> leases.take(1, 10, 100)).isInstanceOfSatisfying(RelayException.class,
                refused -> assertThat(refused.httpStatus()).isEqualTo(503));
        assertThat(ledger.attempts.get()).isEqualTo(3);
    }

    @Test
    void anIdleLeaseIsHandedBackOnceWithWhatWasConsumed() {
        ledger.balance.set(1_000_000);
        leases = leases();
        Spend first = leases.take(1, 10, 100);
        Spend second = leases.take(1, 10, 100);
        first.finish(60);
        second.finish(250); // cost above the estimate is consumed in full

        // housekeeping runs every second and retires a lease idle for IDLE
        await().atMost(Duration.ofSeconds(1).plus(IDLE).plusSeconds(3)).until(() -> !ledger.returns.isEmpty());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> ledger.returns.size() == 1);
        LeaseReturn returned = ledger.returns.getFirst();
        assertThat(returned.leaseId()).isEqualTo(first.leaseId());
        assertThat(returned.consumed()).isEqualTo(310);
        assertThat(returned.tokenId()).isEqualTo(10);
    }

    @Test
    void aRefusalReachesEveryRequestWaitingForTheGrant() throws Exception {
        ledger.balance.set(5);
        ledger.grantDelayMillis = 100;
        leases = leases();
        AtomicInteger refused = new AtomicInteger();

        runConcurrently(10, () -> {
            try {
                leases.take(1, 10, 100);
            } catch (RelayException e) {
                refused.incrementAndGet();
            }
            return null;
        });

        assertThat(refused).hasValue(10);
    }

    @Test
    void retiringALeaseWhileRequestsRaceHandsItBackOnceAfterTheLastOne() throws Exception {
        for (int round = 0; round < 20; round++) {
            List<Lease> handedBack = new CopyOnWriteArrayList<>();
            Lease lease = new Lease("l-" + round, 1, 10, 10_000, Long.MAX_VALUE, 0, handedBack::add);
            AtomicLong consumed = new AtomicLong();
            CountDownLatch halfway = new CountDownLatch(500);
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    long cost = i % 9;
                    work.add(pool.submit(() -> {
                        if (lease.tryTake(7, 1)) {
                            assertThat(handedBack).isEmpty();
                            consumed.addAndGet(cost);
                            lease.finish(7, cost);
                        }
                        halfway.countDown();
                    }));
                }
                halfway.await();
                lease.retire();
                for (Future<?> f : work) {
                    f.get();
                }
            }
            assertThat(handedBack).containsExactly(lease);
            assertThat(lease.consumed()).isEqualTo(consumed.get());
            assertThat(lease.tryTake(1, 1)).isFalse();
        }
    }

    @Test
    void healthIsDownWhileCommandServiceDoesNotGrantAndUpAgainWithTheNextGrant() {
        ledger.balance.set(1_000_000);
        leases = leases();
        QuotaLeasesHealthIndicator health = new QuotaLeasesHealthIndicator(leases);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        ledger.unreachable = true;
        try {
            leases.take(1, 10, 100);
        } catch (RelayException expected) {
            assertThat(expected.httpStatus()).isEqualTo(503);
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("reason");

        ledger.unreachable = false;
        leases.take(1, 10, 100);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private QuotaLeases leases() {
        return new QuotaLeases(ledger, new LeaseProperties("test-relay", Duration.ofSeconds(5), 4, IDLE,
                Duration.ofSeconds(30), Duration.ofSeconds(10)), "0", new SimpleMeterRegistry());
    }

    private static <T> List<T> runConcurrently(int threads, java.util.concurrent.Callable<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<T> results = new CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    T result = work.call();
                    if (result != null) {
                        results.add(result);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return results;
    }

    /** A balance as UserAccount keeps it: grants hold from it, returns give back what was not consumed. */
    private static final class Ledger implements LeaseService {
        final AtomicLong balance = new AtomicLong();
        final AtomicInteger grants = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<LeaseReturn> returns = new CopyOnWriteArrayList<>();
        final List<LeaseRequest> requests = new CopyOnWriteArrayList<>();
        final java.util.Map<String, Long> granted = new java.util.concurrent.ConcurrentHashMap<>();
        volatile long grantDelayMillis;
        volatile boolean unreachable;

        @Override
        public synchronized LeaseGrant grant(LeaseRequest request) {
            attempts.incrementAndGet();
            requests.add(request);
            try {
                Thread.sleep(grantDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (unreachable) {
                throw new RelayException(GatewayError.INTERNAL_ERROR, 503, "quota service unavailable, retry later");
            }
            long available = balance.get();
            if (available < request.minimum() || available <= 0) {
                throw new RelayException(GatewayError.INSUFFICIENT_USER_QUOTA, "insufficient");
            }
            long amount = Math.min(request.wanted(), available);
            balance.addAndGet(-amount);
            grants.incrementAndGet();
            granted.put(request.leaseId(), amount);
            return new LeaseGrant(request.leaseId(), amount, System.currentTimeMillis() + 120_000);
        }

        @Override
        public boolean giveBack(LeaseReturn lease) {
            returns.add(lease);
            balance.addAndGet(Math.max(0, granted.get(lease.leaseId()) - lease.consumed()));
            return true;
        }
    }
}
