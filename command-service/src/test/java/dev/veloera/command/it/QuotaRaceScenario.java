package dev.veloera.command.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.veloera.command.user.UsageSettlementListener;
import dev.veloera.contracts.lease.LeaseGrant;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.lease.LeaseReturn;
import dev.veloera.contracts.lease.QuotaLeaseExpiredEvent;
import dev.veloera.contracts.lease.QuotaLeaseGrantedEvent;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.schema.testing.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.veloera.command.it.CommandServiceClient.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole command side on a real database (Flyway migrations, Axon's JDBC event store,
 * db-scheduler deadlines): many threads reserving, or asking for leases, on one user at once never
 * hold more than the balance; settlement charges every cost in full and each record once, however
 * often a batch is settled; returns, settlements and persistent deadlines leave nothing held. The
 * context is closed after each engine's class, so its scheduler does not keep polling a database the
 * class has dropped.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.reservation-ttl=PT30M",
        "veloera.lease-ttl=PT30M",
        "veloera.scheduler-polling-interval=PT0.5S",
        // no Kafka and no query-service here: tokens answer without waiting for the relays' catalog
        "veloera.catalog.token-wait=0s"
})
abstract class QuotaRaceScenario {

    private static final int THREADS = 16;
    private static final int PER_THREAD = 50;
    private static final long QUOTA = 10_000;
    private static final long AMOUNT = 13;
    /** A deadline made due now fires within the scheduler's polling interval (0.5 s); the rest is margin. */
    private static final long DEADLINE_WAIT_MS = 20_000;
    /** How long settlement runs while the deadlines fire: past the scheduler's polling interval (0.5 s) and more. */
    private static final long SETTLING_MS = 4_000;
    /** A poll of five records settles in milliseconds; the bound is generous, far below a 30 s busy timeout. */
    private static final long SETTLEMENT_POLL_BOUND_MS = 5_000;

    static void register(DynamicPropertyRegistry registry, TestDatabases.TestDatabase db) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", () -> db.username() == null ? "" : db.username());
        registry.add("spring.datasource.password", () -> db.password() == null ? "" : db.password());
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsageSettlementListener settlement;
    @Autowired
    org.axonframework.deadline.DeadlineManager deadlineManager;
    @Autowired
    Scheduler scheduler;

    private final ObjectMapper json = new ObjectMapper();
    private CommandServiceClient api;

    @BeforeEach
    void client() {
        api = new CommandServiceClient(port);
    }

    @Test
    void concurrentReservationsNeverOverdrawAndSettlementChargesOnce() throws Exception {
        long alice = api.user("alice", QUOTA);
        String aliceToken = api.login("alice", "alice-password");
        assertThat(api.login("alice", "alice-password")).as("each login issues a new token (only hashes are kept)")
                .isNotEqualTo(aliceToken).hasSize(32);
        long tokenId = api.apiToken("alice", Map.of("name", "race", "remain_quota", 0, "unlimited_quota", true));

        int tasksBefore = scheduledTasks();
        ConcurrentLinkedQueue<String> grantedIds = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        race(THREADS, thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                String requestId = UUID.randomUUID().toString();
                HttpResponse<String> response = api.reserve(requestId, alice, tokenId, AMOUNT);
                if (response.statusCode() == 200) {
                    grantedIds.add(requestId);
                } else if (response.statusCode() == 403 && response.body().contains("insufficient_user_quota")) {
                    refused.incrementAndGet();
                } else {
                    unexpected.add(response.statusCode() + " " + response.body());
                }
            }
        });

        assertThat(unexpected).isEmpty();
        long expectedGrants = QUOTA / AMOUNT;
        assertThat(grantedIds).hasSize((int) expectedGrants);
        assertThat(refused.get()).isEqualTo(THREADS * PER_THREAD - (int) expectedGrants);

        List<QuotaReservedEvent> reservations = events(eventStore, alice, QuotaReservedEvent.class);
        assertThat(reservations).hasSize((int) expectedGrants);
        assertThat(reservations.stream().mapToLong(QuotaReservedEvent::amount).sum()).isEqualTo(expectedGrants * AMOUNT);
        assertThat(reservations).allSatisfy(r -> assertThat(r.userQuotaAfter()).isNotNegative());
        assertThat(reservations.getLast().userQuotaAfter()).isEqualTo(QUOTA - expectedGrants * AMOUNT);
        assertThat(scheduledTasks() - tasksBefore)
                .as("one persistent expiry deadline per reservation").isEqualTo((int) expectedGrants);
        assertThat(jdbc.queryForList("SELECT task_instance FROM scheduled_tasks", String.class))
                .as("each reservation names its deadline")
                .containsAll(reservations.stream().map(QuotaReservedEvent::expiryDeadlineId).toList());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, String.valueOf(alice))).as("UserAccount snapshots").isPositive();

        String reservationId = grantedIds.peek();
        String deadlineId = reservations.stream().filter(r -> r.reservationId().equals(reservationId))
                .findFirst().orElseThrow().expiryDeadlineId();
        assertThat(deadlineRows(deadlineId)).isEqualTo(1);
        List<ConsumerRecord<String, String>> batch = List.of(record(0, 0, usage(alice, tokenId, reservationId,
                reservationId, 5)));
        settlement.settle(batch);
        settlement.settle(batch);

        assertThat(events(eventStore, alice, UsageSettledEvent.class)).singleElement().satisfies(s -> {
            assertThat(s.settled()).singleElement().satisfies(u -> {
                assertThat(u.leaseId()).isEqualTo(reservationId);
                assertThat(u.charged()).isEqualTo(5);
                assertThat(u.reservationReleased()).isEqualTo(AMOUNT);
            });
            assertThat(s.userQuotaAfter()).isEqualTo(QUOTA - expectedGrants * AMOUNT + AMOUNT - 5);
            assertThat(s.usedQuotaAfter()).isEqualTo(5);
            assertThat(s.tokens()).singleElement().satisfies(t -> assertThat(t.usedQuotaAfter()).isEqualTo(5));
            assertThat(s.requestCountAfter()).isEqualTo(1);
        });
        assertThat(deadlineRows(deadlineId)).as("settling cancelled the reservation's deadline").isZero();
        assertThat(scheduledTasks() - tasksBefore).isEqualTo((int) expectedGrants - 1);
    }

    @Test
    void anUnsettledReservationIsReleasedByItsPersistentDeadline() throws Exception {
        long bob = api.user("bob", 100);
        long tokenId = api.apiToken("bob", Map.of("name", "t", "remain_quota", 100));
        String reservationId = UUID.randomUUID().toString();
        assertThat(api.reserve(reservationId, bob, tokenId, AMOUNT).statusCode()).isEqualTo(200);

        int tasksBefore = scheduledTasks();
        // the reservation's own deadline is 30 minutes away: fire one with the same name and payload now
        deadlineManager.schedule(Instant.now(), "reservation-expiry",
                new dev.veloera.command.user.ReservationExpiry(reservationId),
                new org.axonframework.modelling.command.AggregateScopeDescriptor("UserAccount", String.valueOf(bob)));

        List<ReservationExpiredEvent> expired = waitFor(() -> events(eventStore, bob, ReservationExpiredEvent.class),
                list -> !list.isEmpty());
        assertThat(expired).singleElement().satisfies(e -> {
            assertThat(e.reservationId()).isEqualTo(reservationId);
            assertThat(e.userQuotaAfter()).isEqualTo(100);
            assertThat(e.tokenRemainQuotaAfter()).isEqualTo(100);
        });
        assertThat(waitFor(this::scheduledTasks, n -> n == tasksBefore))
                .as("the executed deadline left scheduled_tasks").isEqualTo(tasksBefore);
    }

    private static final long LEASE_QUOTA = 10_000;
    private static final long ESTIMATE = 100;
    private static final long COST = ESTIMATE - 10;

    /**
     * Two relay instances' threads ask for leases on one user at once: the holds never exceed the
     * balance. Then the relays serve from their leases; some leases are returned before their usage is
     * settled, some after, some never (their persistent deadlines fire); every batch is settled twice and
     * some records are resent at new offsets. In the end every cost is charged once and nothing is held:
     * a lease for exactly the whole balance is granted.
     */
    @Test
    void concurrentLeasesNeverHoldMoreThanTheBalanceAndEndHoldingNothing() throws Exception {
        long carol = api.user("carol", LEASE_QUOTA);
        long tokenId = api.apiToken("carol", Map.of("name", "leases", "remain_quota", 0, "unlimited_quota", true));
        int tasksBefore = scheduledTasks();

        ConcurrentLinkedQueue<LeaseGrant> grants = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        race(THREADS, thread -> {
            for (int i = 0; i < 25; i++) {
                HttpResponse<String> response = api.lease(new LeaseRequest(UUID.randomUUID().toString(), carol,
                        tokenId, "relay-" + thread % 2, ESTIMATE, 4 * ESTIMATE));
                if (response.statusCode() == 200) {
                    grants.add(json.treeToValue(api.body(response).path("data"), LeaseGrant.class));
                } else if (response.statusCode() == 403 && response.body().contains("insufficient_user_quota")) {
                    refused.incrementAndGet();
                } else {
                    unexpected.add(response.statusCode() + " " + response.body());
                }
            }
        });

        assertThat(unexpected).isEmpty();
        long granted = grants.stream().mapToLong(LeaseGrant::amount).sum();
        assertThat(granted).as("the holds never exceed the balance").isLessThanOrEqualTo(LEASE_QUOTA)
                .as("once less than an estimate was available, every ask was refused")
                .isGreaterThan(LEASE_QUOTA - ESTIMATE);
        assertThat(grants).allSatisfy(g -> assertThat(g.amount()).isBetween(ESTIMATE, 4 * ESTIMATE));
        assertThat(refused.get()).isEqualTo(THREADS * 25 - grants.size());
        List<QuotaLeaseGrantedEvent> grantEvents = events(eventStore, carol, QuotaLeaseGrantedEvent.class);
        assertThat(grantEvents).hasSize(grants.size())
                .allSatisfy(g -> assertThat(g.userHeldAfter()).isLessThanOrEqualTo(LEASE_QUOTA));
        assertThat(grantEvents.getLast().userHeldAfter()).isEqualTo(granted);
        assertThat(scheduledTasks() - tasksBefore).as("one persistent deadline per lease").isEqualTo(grants.size());

        // each lease served amount / ESTIMATE requests, each costing a little less than its estimate
        List<LeaseGrant> leases = List.copyOf(grants);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (LeaseGrant lease : leases) {
            for (long n = 0; n < lease.amount() / ESTIMATE; n++) {
                records.add(record(0, records.size(), usage(carol, tokenId, UUID.randomUUID().toString(),
                        lease.leaseId(), COST)));
            }
        }
        long charged = records.size() * COST;
        List<LeaseGrant> returnedFirst = new ArrayList<>();
        List<LeaseGrant> returnedAfter = new ArrayList<>();
        List<LeaseGrant> neverReturned = new ArrayList<>();
        for (int i = 0; i < leases.size(); i++) {
            (i % 3 == 0 ? returnedFirst : i % 3 == 1 ? returnedAfter : neverReturned).add(leases.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<HttpResponse<String>>> returns = new ArrayList<>();
        for (LeaseGrant lease : returnedFirst) {
            returns.add(pool.submit(() -> handBack(carol, tokenId, lease)));
        }
        for (int from = 0; from < records.size(); from += 7) {
            List<ConsumerRecord<String, String>> batch = records.subList(from, Math.min(records.size(), from + 7));
            settlement.settle(batch);
            settlement.settle(batch);
        }
        for (Future<HttpResponse<String>> r : returns) {
            assertThat(r.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();
        for (LeaseGrant lease : returnedAfter) {
            assertThat(handBack(carol, tokenId, lease).statusCode()).isEqualTo(200);
        }
        // the journal resends the first records at new offsets, then the whole topic is replayed
        settlement.settle(records.subList(0, 5).stream().map(r -> record(0, r.offset() + records.size(),
                r.value())).toList());
        settlement.settle(records);

        List<UsageSettledEvent> settledEvents = events(eventStore, carol, UsageSettledEvent.class);
        assertThat(settledEvents.stream().flatMap(e -> e.settled().stream()).mapToLong(SettledUsage::charged).sum())
                .as("every record charged once, in full").isEqualTo(charged);
        assertThat(settledEvents.getLast().usedQuotaAfter()).isEqualTo(charged);
        assertThat(settledEvents.getLast().userQuotaAfter()).isEqualTo(LEASE_QUOTA - charged);
        assertThat(settledEvents.getLast().requestCountAfter()).isEqualTo(records.size());
        for (LeaseGrant lease : concat(returnedFirst, returnedAfter)) {
            assertThat(deadlineRows(deadlineOf(grantEvents, lease))).as("returned and settled: closed").isZero();
        }

        // the relay holding the rest was killed: their persistent deadlines fire (made due now)
        for (LeaseGrant lease : neverReturned) {
            String deadlineId = deadlineOf(grantEvents, lease);
            String task = jdbc.queryForObject("SELECT task_name FROM scheduled_tasks WHERE task_instance = ?",
                    String.class, deadlineId);
            scheduler.reschedule(TaskInstanceId.of(task, deadlineId), Instant.now());
        }
        assertThat(waitFor(() -> events(eventStore, carol, QuotaLeaseExpiredEvent.class),
                list -> list.size() == neverReturned.size())).hasSize(neverReturned.size());
        assertThat(waitFor(this::scheduledTasks, n -> n == tasksBefore))
                .as("no lease deadline is left").isEqualTo(tasksBefore);

        long balance = LEASE_QUOTA - charged;
        HttpResponse<String> whole = api.lease(new LeaseRequest("probe", carol, tokenId, "relay-0", balance, balance));
        assertThat(whole.statusCode()).as("nothing is held any more: " + whole.body()).isEqualTo(200);
        assertThat(api.body(whole).path("data").path("amount").asLong()).isEqualTo(balance);
        assertThat(api.handBack(new LeaseReturn("probe", carol, tokenId, 0)).statusCode()).isEqualTo(200);
        assertThat(scheduledTasks()).isEqualTo(tasksBefore);
    }

    /**
     * Lease deadlines that fire while the same account's usage is being settled stall neither: seen in the benchmark
     * on SQLite as both waiting 30 s (the URL's busy timeout) for each other. Settlement runs in polls of a few
     * records on one thread, as the listener does, while the deadlines of leases nobody returned are made due.
     */
    @Test
    void leaseDeadlinesFiringDuringSettlementStallNothing() throws Exception {
        long erin = api.user("erin", 1_000_000);
        long tokenId = api.apiToken("erin", Map.of("name", "busy", "remain_quota", 0, "unlimited_quota", true));
        List<String> deadlines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> lease = api.lease(new LeaseRequest("l-erin-" + i, erin, tokenId, "relay-0", 100, 100));
            assertThat(lease.statusCode()).as(lease.body()).isEqualTo(200);
        }
        for (QuotaLeaseGrantedEvent grant : events(eventStore, erin, QuotaLeaseGrantedEvent.class)) {
            deadlines.add(grant.expiryDeadlineId());
        }

        ExecutorService settling = Executors.newSingleThreadExecutor();
        Future<Long> slowest = settling.submit(() -> {
            long worst = 0;
            long until = System.currentTimeMillis() + SETTLING_MS;
            for (int poll = 0; System.currentTimeMillis() < until; poll++) {
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    batch.add(record(1, poll * 5L + i, usage(erin, tokenId, UUID.randomUUID().toString(),
                            "l-erin-" + (i % 6), 7)));
                }
                long started = System.nanoTime();
                settlement.settle(batch);
                worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
            }
            return worst;
        });
        Thread.sleep(500);
        for (String deadlineId : deadlines) {
            String task = jdbc.queryForObject("SELECT task_name FROM scheduled_tasks WHERE task_instance = ?",
                    String.class, deadlineId);
            scheduler.reschedule(TaskInstanceId.of(task, deadlineId), Instant.now());
        }

        assertThat(slowest.get()).as("the slowest settlement poll, ms (a stall waits out the busy timeout)")
                .isLessThan(SETTLEMENT_POLL_BOUND_MS);
        settling.shutdown();
        assertThat(waitFor(() -> events(eventStore, erin, QuotaLeaseExpiredEvent.class), list -> list.size() == 6))
                .hasSize(6);
    }

    /** What requests cost beyond their estimates is charged in full; at or below zero no lease is granted. */
    @Test
    void costAboveTheEstimatesIsChargedInFullAndBlocksNewLeases() throws Exception {
        long dave = api.user("dave", 1000);
        long tokenId = api.apiToken("dave", Map.of("name", "over", "remain_quota", 5000));
        HttpResponse<String> lease = api.lease(new LeaseRequest("l-dave", dave, tokenId, "relay-0", 1000, 1000));
        assertThat(api.body(lease).path("data").path("amount").asLong()).as(lease.body()).isEqualTo(1000);

        // four requests estimated at 250 each cost 300 each
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(record(0, i, usage(dave, tokenId, UUID.randomUUID().toString(), "l-dave", 300)));
        }
        settlement.settle(records);

        UsageSettledEvent settled = events(eventStore, dave, UsageSettledEvent.class).getLast();
        assertThat(settled.userQuotaAfter()).as("below zero by exactly the excess").isEqualTo(1000 - 1200);
        assertThat(settled.usedQuotaAfter()).isEqualTo(1200);
        assertThat(settled.tokens()).singleElement().satisfies(t -> {
            assertThat(t.remainQuotaAfter()).isEqualTo(5000 - 1200);
            assertThat(t.usedQuotaAfter()).isEqualTo(1200);
        });
        HttpResponse<String> refused = api.lease(new LeaseRequest("l-dave-2", dave, tokenId, "relay-0", 0, 100));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("insufficient_user_quota");
        assertThat(api.reserve(UUID.randomUUID().toString(), dave, tokenId, 0).statusCode()).isEqualTo(403);

        String deadlineId = events(eventStore, dave, QuotaLeaseGrantedEvent.class).getFirst().expiryDeadlineId();
        assertThat(api.handBack(new LeaseReturn("l-dave", dave, tokenId, 1200)).statusCode()).isEqualTo(200);
        assertThat(deadlineRows(deadlineId)).as("returned with everything settled: closed").isZero();
    }

    private HttpResponse<String> handBack(long userId, long tokenId, LeaseGrant lease) throws Exception {
        return api.handBack(new LeaseReturn(lease.leaseId(), userId, tokenId, lease.amount() / ESTIMATE * COST));
    }

    private static String deadlineOf(List<QuotaLeaseGrantedEvent> grants, LeaseGrant lease) {
        return grants.stream().filter(g -> g.leaseId().equals(lease.leaseId())).findFirst().orElseThrow()
                .expiryDeadlineId();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static UsageRecorded usage(long userId, long tokenId, String requestId, String leaseId, long quota) {
        return new UsageRecorded(requestId, System.currentTimeMillis(), userId, "user" + userId, tokenId, "t", 1,
                "default", "gpt-4o", "gpt-4o", 3, 2, quota, leaseId, false, 120, UsageRecorded.SUCCESS, null,
                "127.0.0.1", Map.of());
    }

    private ConsumerRecord<String, String> record(int partition, long offset, UsageRecorded usage) throws Exception {
        return record(partition, offset, json.writeValueAsString(usage));
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, String value) {
        return new ConsumerRecord<>(UsageTopic.NAME, partition, offset, "key", value);
    }

    /** Runs {@code threads} copies of {@code work} released at once, and waits for all of them. */
    private static void race(int threads, ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            runs.add(pool.submit((Callable<Void>) () -> {
                start.await();
                work.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
    }

    private interface ThreadWork {
        void run(int thread) throws Exception;
    }

    private static <T> T waitFor(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + DEADLINE_WAIT_MS;
        T current = value.get();
        while (!done.test(current) && System.currentTimeMillis() < giveUp) {
            Thread.sleep(100);
            current = value.get();
        }
        return current;
    }

    private int deadlineRows(String taskInstance) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?",
                Integer.class, taskInstance);
        return count == null ? 0 : count;
    }

    private int scheduledTasks() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Integer.class);
        return count == null ? 0 : count;
    }
}
