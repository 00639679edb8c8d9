package dev.veloera.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.setup.CompleteSetupCommand;
import dev.veloera.contracts.setup.SetupCompletedEvent;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.lease.QuotaLeaseGrantedEvent;
import dev.veloera.contracts.lease.QuotaLeaseReturnedEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.query.support.SqliteTestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole read side on a real database: events appended to the JDBC event store the way
 * command-service appends them, projected by the tracking processors (users, tokens and channels also published
 * to the catalog topic on an embedded KRaft broker), read over HTTP. Subclasses choose the engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class QueryServiceIntegrationTest {

    private static final String ROOT_TOKEN = "r".repeat(32);
    private static final String ALICE_TOKEN = "a".repeat(32);
    private static final Actor ROOT = new Actor(1, Roles.ROOT);

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventStore applicationEventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void projectsAppendedEventsAndServesThemOverHttp() {
        appendAsCommandServiceWould();
        jdbc.sql("""
                INSERT INTO logs (user_id, created_at, type, content, username, token_name, model_name, quota,
                                  prompt_tokens, completion_tokens, use_time, is_stream, channel_id, token_id,
                                  group_name, other, request_id)
                VALUES (42, 1767225600, 2, '', 'alice', 'main', 'gpt-4o', 250, 10, 20, 900, TRUE, 3, 5, 'vip', '{}', 'req-1')""")
                .update();
        RestClient http = RestClient.create("http://localhost:" + port);

        JsonNode self = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> get(http, "/api/user/self", ALICE_TOKEN), body -> body.at("/data/used_quota").asLong() == 550);
        assertThat(self.at("/data/quota").asLong()).isEqualTo(9_450);
        assertThat(self.at("/data/request_count").asLong()).isEqualTo(2);
        assertThat(self.at("/data/group").asText()).isEqualTo("vip");

        JsonNode tokens = get(http, "/api/token/", ALICE_TOKEN);
        assertThat(tokens.at("/data/items/0/key").asText()).isEqualTo("sk-abcd…wxyz");
        assertThat(tokens.at("/data/items/0/remain_quota").asLong()).isEqualTo(4_450);

        // the relay's /dashboard/billing/* reads the token's and its user's balance here, behind the internal secret
        JsonNode balance = http.get().uri("/internal/billing/tokens/5").header("X-Veloera-Internal-Secret",
                "veloera-dev-secret").retrieve().body(JsonNode.class);
        assertThat(balance.at("/data/tokenRemainQuota").asLong()).isEqualTo(4_450);
        assertThat(balance.at("/data/unlimitedQuota").asBoolean()).isFalse();
        assertThat(balance.at("/data/userQuota").asLong()).isEqualTo(9_450);
        assertThat(balance.at("/data/userUsedQuota").asLong()).isEqualTo(550);
        assertThatThrownBy(() -> http.get().uri("/internal/billing/tokens/5").retrieve().body(JsonNode.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(401));

        JsonNode channels = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> get(http, "/api/channel/", ROOT_TOKEN), body -> body.at("/data/total").asLong() == 1);
        assertThat(channels.at("/data/items/0/models").asText()).isEqualTo("gpt-4o");
        assertThat(channels.at("/data/items/0").has("key")).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM abilities WHERE channel_id = 3").query(Long.class).single()).isEqualTo(1);

        JsonNode logs = get(http, "/api/log/self?model_name=gpt-4o", ALICE_TOKEN);
        assertThat(logs.at("/data/total").asLong()).isEqualTo(1);
        assertThat(logs.at("/data/items/0/request_id").asText()).isEqualTo("req-1");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> get(http, "/api/status", null), body -> body.at("/data/setup").asBoolean());

        assertThatThrownBy(() -> get(http, "/api/channel/", ALICE_TOKEN))
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(403));

        replayRebuildsTheSameRows();
    }

    /** A reset of the processor's token clears the tables (reset handlers) and the replay rebuilds them as they were. */
    private void replayRebuildsTheSameRows() {
        List<Map<String, Object>> users = SqliteTestDatabase.rows(jdbc, "users", "id");
        List<Map<String, Object>> tokens = SqliteTestDatabase.rows(jdbc, "tokens", "id");
        TrackingEventProcessor processor = processing.eventProcessor("user-accounts", TrackingEventProcessor.class)
                .orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(processor.isReplaying()).isFalse();
            assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(users);
            assertThat(SqliteTestDatabase.rows(jdbc, "tokens", "id")).isEqualTo(tokens);
        });
    }

    @Test
    void theApplicationsEventStoreRefusesToAppend() {
        assertThatThrownBy(() -> applicationEventStore.publish(GenericEventMessage.asEventMessage("anything")))
                .hasMessageContaining("never appends");
    }

    private void appendAsCommandServiceWould() {
        EmbeddedEventStore writer = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
        try {
            writer.publish(List.of(
                    event("Setup", CompleteSetupCommand.SETUP_ID, 0,
                            new SetupCompletedEvent(CompleteSetupCommand.SETUP_ID, "1", 1_767_225_600_000L)),
                    event("UserAccount", "1", 0, new UserRegisteredEvent("1", "root", "$2a$root", "Root", Roles.ROOT, 1,
                            "default", null, null, 0, 1_767_225_600_000L, Actor.SYSTEM)),
                    event("UserAccount", "1", 1, new AccessTokenIssuedEvent("1", ROOT_TOKEN, ROOT)),
                    event("UserAccount", "42", 0, new UserRegisteredEvent("42", "alice", "$2a$alice", null, Roles.COMMON,
                            1, "vip", null, null, 0, 1_767_225_600_000L, Actor.SYSTEM)),
                    event("UserAccount", "42", 1, new AccessTokenIssuedEvent("42", ALICE_TOKEN, new Actor(42, 1))),
                    event("UserAccount", "42", 2, new UserQuotaSetEvent("42", 0, 10_000, ROOT)),
                    event("UserAccount", "42", 3, new ApiTokenCreatedEvent("42", 5, "main", "h".repeat(44),
                            "sk-abcd…wxyz", 1_767_225_600L, -1, 5_000, false, false, List.of(), "", "vip",
                            new Actor(42, 1))),
                    event("UserAccount", "42", 4, new QuotaReservedEvent("42", 5, "req-1", "gpt-4o", 700, 9_300, 4_300,
                            0, "deadline-1", Actor.SYSTEM)),
                    event("UserAccount", "42", 5, new ReservationSettledEvent("42", 5, "req-1", 700, 250, 0, false,
                            9_750, 4_750, 250, 250, 1, Actor.SYSTEM)),
                    event("UserAccount", "42", 6, new QuotaLeaseGrantedEvent("42", 5, "lease-1", "relay-a", 2_000,
                            2_000, 2_000, 0, "deadline-2", Actor.SYSTEM)),
                    event("UserAccount", "42", 7, new UsageSettledEvent("42", 0, 3, List.of(
                            new SettledUsage("req-2", "lease-1", 5, 300, "success", 0)), 9_450, 550, 2,
                            List.of(new TokenBalance(5, 4_450, 550)), List.of(), Actor.SYSTEM)),
                    event("UserAccount", "42", 8, new QuotaLeaseReturnedEvent("42", 5, "lease-1", 300, 300, 0, true,
                            0, 0, Actor.SYSTEM)),
                    event("Channel", "channel-3", 0, new ChannelCreatedEvent("channel-3", 0, "demo", "sk-upstream", "http://localhost:1",
                            List.of("gpt-4o"), List.of("vip"), 0, 1, Map.of(), "gpt-4o", 1, 1_767_225_600L, ROOT))));
        } finally {
            writer.shutDown();
        }
    }

    private static GenericDomainEventMessage<Object> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload);
    }

    private static JsonNode get(RestClient http, String path, String bearer) {
        RestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        if (bearer != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        return request.retrieve().body(JsonNode.class);
    }
}
