package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.user.UsageSettlementListener;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.schema.testing.TestDatabases;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole command side on a real database (Flyway migrations, Axon's JDBC event store,
 * db-scheduler deadlines): many threads reserving from one user at once never drive the quota
 * below zero and get exactly as many reservations as the quota covers; settling the same usage
 * twice charges once and cancels the reservation's persistent deadline. The context is closed after
 * each engine's class, so its scheduler does not keep polling a database the class has dropped.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.reservation-ttl=PT30M",
        "veloera.scheduler-polling-interval=PT0.5S",
        // no Kafka and no query-service here: tokens answer without waiting for the relays' catalog
        "veloera.catalog.token-wait=0s"
})
abstract class QuotaRaceScenario {

    private static final int THREADS = 16;
    private static final int PER_THREAD = 50;
    private static final long QUOTA = 10_000;
    private static final long AMOUNT = 13;

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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void concurrentReservationsNeverOverdrawAndSettlementChargesOnce() throws Exception {
        String rootToken = rootToken();

        long alice = call("POST", "/api/user/register", null, Map.of("username", "alice", "password", "alice-password"))
                .path("data").path("id").asLong();
        assertThat(call("PUT", "/api/user/", rootToken, Map.of("id", alice, "quota", QUOTA))
                .path("success").asBoolean()).isTrue();
        String aliceToken = login("alice", "alice-password");
        assertThat(login("alice", "alice-password")).as("login reuses the current token").isEqualTo(aliceToken);
        JsonNode token = call("POST", "/api/token/", aliceToken,
                Map.of("name", "race", "remain_quota", 0, "unlimited_quota", true)).path("data");
        assertThat(token.path("key").asText()).startsWith("sk-").hasSize(51);
        long tokenId = token.path("id").asLong();

        int tasksBefore = scheduledTasks();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> grantedIds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    String requestId = UUID.randomUUID().toString();
                    HttpResponse<String> response = reserve(requestId, alice, tokenId);
                    if (response.statusCode() == 200) {
                        granted.incrementAndGet();
                        grantedIds.add(requestId);
                    } else if (response.statusCode() == 403 && response.body().contains("insufficient_user_quota")) {
                        refused.incrementAndGet();
                    } else {
                        unexpected.add(response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();

        assertThat(unexpected).isEmpty();
        long expectedGrants = QUOTA / AMOUNT;
        assertThat(granted.get()).isEqualTo((int) expectedGrants);
        assertThat(refused.get()).isEqualTo(THREADS * PER_THREAD - (int) expectedGrants);

        List<Object> events = events(alice);
        List<QuotaReservedEvent> reservations = events.stream()
                .filter(QuotaReservedEvent.class::isInstance).map(QuotaReservedEvent.class::cast).toList();
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
        UsageRecorded usage = new UsageRecorded(reservationId, System.currentTimeMillis(), alice, "alice", tokenId,
                "race", 1, "default", "gpt-4o", "gpt-4o", 3, 2, 5, reservationId, false, 120, UsageRecorded.SUCCESS,
                null, "127.0.0.1", Map.of());
        settlement.settle(usage);
        settlement.settle(usage);

        List<ReservationSettledEvent> settlements = events(alice).stream()
                .filter(ReservationSettledEvent.class::isInstance).map(ReservationSettledEvent.class::cast).toList();
        assertThat(settlements).singleElement().satisfies(s -> {
            assertThat(s.reservationId()).isEqualTo(reservationId);
            assertThat(s.charged()).isEqualTo(5);
            assertThat(s.userQuotaAfter()).isEqualTo(QUOTA - expectedGrants * AMOUNT + AMOUNT - 5);
            assertThat(s.usedQuotaAfter()).isEqualTo(5);
            assertThat(s.tokenUsedQuotaAfter()).isEqualTo(5);
            assertThat(s.requestCountAfter()).isEqualTo(1);
        });
        assertThat(deadlineRows(deadlineId)).as("settling cancelled the reservation's deadline").isZero();
        assertThat(scheduledTasks() - tasksBefore).isEqualTo((int) expectedGrants - 1);
    }

    @Test
    void anUnsettledReservationIsReleasedByItsPersistentDeadline() throws Exception {
        String rootToken = rootToken();
        long bob = call("POST", "/api/user/register", null, Map.of("username", "bob", "password", "bob-password"))
                .path("data").path("id").asLong();
        call("PUT", "/api/user/", rootToken, Map.of("id", bob, "quota", 100));
        String bobToken = login("bob", "bob-password");
        long tokenId = call("POST", "/api/token/", bobToken, Map.of("name", "t", "remain_quota", 100))
                .path("data").path("id").asLong();
        String reservationId = UUID.randomUUID().toString();
        assertThat(reserve(reservationId, bob, tokenId).statusCode()).isEqualTo(200);

        int tasksBefore = scheduledTasks();
        // the reservation's own deadline is 30 minutes away: fire one with the same name and payload now
        deadlineManager.schedule(java.time.Instant.now(), "reservation-expiry",
                new dev.veloera.command.user.ReservationExpiry(reservationId),
                new org.axonframework.modelling.command.AggregateScopeDescriptor("UserAccount", String.valueOf(bob)));

        long deadline = System.currentTimeMillis() + 20_000;
        List<ReservationExpiredEvent> expired = List.of();
        while (expired.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            expired = events(bob).stream().filter(ReservationExpiredEvent.class::isInstance)
                    .map(ReservationExpiredEvent.class::cast).toList();
        }
        assertThat(expired).singleElement().satisfies(e -> {
            assertThat(e.reservationId()).isEqualTo(reservationId);
            assertThat(e.userQuotaAfter()).isEqualTo(100);
            assertThat(e.tokenRemainQuotaAfter()).isEqualTo(100);
        });
        while (scheduledTasks() != tasksBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(scheduledTasks()).as("the executed deadline left scheduled_tasks").isEqualTo(tasksBefore);
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

    /** Sets the system up once per database (the second call is refused) and logs root in. */
    private String rootToken() throws Exception {
        JsonNode setup = call("POST", "/api/setup", null, Map.of("username", "root", "password", "root-password"));
        if (!setup.path("success").asBoolean()) {
            assertThat(setup.path("data").path("code").asText()).as(setup.toString()).isEqualTo("setup_completed");
        }
        assertThat(call("POST", "/api/setup", null, Map.of("username", "root2", "password", "root-password"))
                .path("data").path("code").asText()).isEqualTo("setup_completed");
        return login("root", "root-password");
    }

    private List<Object> events(long userId) {
        return eventStore.readEvents(String.valueOf(userId), 0).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    private String login(String username, String password) throws Exception {
        JsonNode login = call("POST", "/api/user/login", null, Map.of("username", username, "password", password));
        assertThat(login.path("success").asBoolean()).as(login.toString()).isTrue();
        return login.path("data").path("access_token").asText();
    }

    private HttpResponse<String> reserve(String requestId, long userId, long tokenId) throws Exception {
        String body = json.writeValueAsString(new ReserveQuotaRequest(requestId, userId, tokenId, "gpt-4o", AMOUNT));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ReserveQuotaRequest.PATH))
                .header("Content-Type", "application/json")
                .header(ReserveQuotaRequest.SECRET_HEADER, "veloera-dev-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
