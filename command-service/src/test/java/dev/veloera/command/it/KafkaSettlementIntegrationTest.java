package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.ReserveQuotaRequest;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.schema.testing.TestDatabases;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement path as it runs in production: usage JSON on {@code veloera.usage.v1} of a real
 * single-node KRaft broker, consumed by the {@code veloera-settlement} listener, settled in the
 * event store on SQLite. A record delivered twice settles once; a failed request releases its
 * reservation; settled reservations leave no deadline behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veloera.reservation-ttl=PT30M"
})
@EmbeddedKafka(kraft = true, partitions = 3, topics = UsageTopic.NAME,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"offsets.topic.num.partitions=1", "group.initial.rebalance.delay.ms=0"})
@DirtiesContext
class KafkaSettlementIntegrationTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);
    private static final long QUOTA = 10_000;
    private static final long TOKEN_QUOTA = 1_000;
    private static final long RESERVED = 100;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void usageOnTheTopicSettlesReservationsOnceAndReleasesFailedOnes() throws Exception {
        call("POST", "/api/setup", null, Map.of("username", "root", "password", "root-password"));
        String root = login("root", "root-password");
        long alice = call("POST", "/api/user/register", null, Map.of("username", "alice", "password", "alice-password"))
                .path("data").path("id").asLong();
        call("PUT", "/api/user/", root, Map.of("id", alice, "quota", QUOTA));
        long tokenId = call("POST", "/api/token/", login("alice", "alice-password"),
                Map.of("name", "kafka", "remain_quota", TOKEN_QUOTA)).path("data").path("id").asLong();
        String charged = reserve(alice, tokenId);
        String failed = reserve(alice, tokenId);
        String aborted = reserve(alice, tokenId);
        List<String> deadlines = events(alice).stream().filter(QuotaReservedEvent.class::isInstance)
                .map(e -> ((QuotaReservedEvent) e).expiryDeadlineId()).toList();
        assertThat(deadlines).hasSize(3).allSatisfy(id -> assertThat(deadlineRows(id)).isEqualTo(1));

        try (KafkaProducer<String, String> producer = producer()) {
            // one key, one partition: the records are settled in this order
            for (UsageRecorded usage : List.of(usage(alice, tokenId, charged, UsageRecorded.SUCCESS, 37),
                    usage(alice, tokenId, charged, UsageRecorded.SUCCESS, 37),
                    usage(alice, tokenId, aborted, UsageRecorded.CLIENT_ABORTED, 0),
                    usage(alice, tokenId, failed, UsageRecorded.FAILED, 55))) {
                producer.send(new ProducerRecord<>(UsageTopic.NAME, String.valueOf(alice),
                        json.writeValueAsString(usage))).get();
            }
        }

        List<ReservationSettledEvent> settled = List.of();
        long giveUp = System.currentTimeMillis() + 20_000;
        while (settled.stream().noneMatch(s -> s.reservationId().equals(failed)) && System.currentTimeMillis() < giveUp) {
            Thread.sleep(100);
            settled = events(alice).stream().filter(ReservationSettledEvent.class::isInstance)
                    .map(ReservationSettledEvent.class::cast).toList();
        }

        assertThat(settled).extracting(ReservationSettledEvent::reservationId)
                .as("the duplicate record settled nothing").containsExactly(charged, aborted, failed);
        assertThat(settled.get(0).charged()).isEqualTo(37);
        assertThat(settled.get(1).charged()).isZero();
        ReservationSettledEvent last = settled.get(2);
        assertThat(last.charged()).as("a failed request costs nothing").isZero();
        assertThat(last.userQuotaAfter()).isEqualTo(QUOTA - 37);
        assertThat(last.tokenRemainQuotaAfter()).isEqualTo(TOKEN_QUOTA - 37);
        assertThat(last.usedQuotaAfter()).isEqualTo(37);
        assertThat(last.tokenUsedQuotaAfter()).isEqualTo(37);
        assertThat(last.requestCountAfter()).as("success and client_aborted count, failed does not").isEqualTo(2);
        assertThat(deadlines).as("settling cancelled every deadline").allSatisfy(id ->
                assertThat(deadlineRows(id)).isZero());
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static UsageRecorded usage(long userId, long tokenId, String requestId, String status, long quota) {
        return new UsageRecorded(requestId, System.currentTimeMillis(), userId, "alice", tokenId, "kafka", 1,
                "default", "gpt-4o", "gpt-4o", 10, 5, quota, requestId, false, 80, status,
                UsageRecorded.FAILED.equals(status) ? "upstream_error" : null, "127.0.0.1", Map.of());
    }

    private String reserve(long userId, long tokenId) throws Exception {
        String requestId = UUID.randomUUID().toString();
        String body = json.writeValueAsString(new ReserveQuotaRequest(requestId, userId, tokenId, "gpt-4o", RESERVED));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(ReserveQuotaRequest.PATH))
                .header("Content-Type", "application/json")
                .header(ReserveQuotaRequest.SECRET_HEADER, "veloera-dev-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return requestId;
    }

    private int deadlineRows(String taskInstance) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?",
                Integer.class, taskInstance);
        return count == null ? 0 : count;
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

    private JsonNode call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
