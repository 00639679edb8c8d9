package dev.veloera.query.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.catalog.CatalogTopic;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.AffQuotaTransferredEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import dev.veloera.query.support.SqliteTestDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The account and option reads on SQLite with an embedded KRaft broker: events appended as command-service appends
 * them are projected ({@code options}, {@code users}, manage logs), served over HTTP with Veloera's shapes, and the
 * changes the relays decide on reach the catalog topic (options, a disabled user, a deleted user's tombstone).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "veloera.maintenance.enabled=false")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class AccountReadsIntegrationTest {

    private static final String ROOT = "r".repeat(32);
    private static final String ALICE = "a".repeat(32);
    private static final String BOB = "b".repeat(32);
    private static final Actor ROOT_ACTOR = new Actor(1, Roles.ROOT);
    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SqliteTestDatabase.url(dir));
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void servesOptionsUsersAndTheirCatalogEntries() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long at = 1_767_225_600L;
        append(List.of(
                user(1, "root", Roles.ROOT, "default", null), token(1, 1, ROOT),
                user(42, "alice", Roles.COMMON, "default", "AFF1"), token(42, 1, ALICE),
                user(43, "bob", Roles.COMMON, "default", "AFF2"), token(43, 1, BOB),
                user(44, "carol", Roles.COMMON, "default", "AFF3"),
                option(0, "ModelRatio", "{\"gpt-4o\":2.5}"),
                option(1, "SMTPToken", "smtp-secret"),
                option(2, "GroupRatio", "{\"default\":1,\"vip\":1.5,\"svip\":3}"),
                option(3, "UserUsableGroups", "{\"default\":\"Default\",\"vip\":\"VIP\"}"),
                option(4, "Notice", "maintenance at noon"),
                option(5, "CheckInEnabled", "true"),
                event("UserAccount", "42", 2, new UserProfileUpdatedEvent("42", "alice", "Alice", "vip", "key account",
                        "default", ROOT_ACTOR)),
                event("UserAccount", "42", 3, new QuotaCreditedEvent("42", 1500, 1500, CreditSource.CHECK_IN, today,
                        "daily check-in", at, new Actor(42, Roles.COMMON))),
                event("UserAccount", "42", 4, new AffQuotaTransferredEvent("42", 500_000, 0, at, new Actor(42, Roles.COMMON))),
                event("UserAccount", "43", 2, new UserStatusChangedEvent("43", Status.DISABLED, Status.ENABLED, ROOT_ACTOR)),
                event("UserAccount", "44", 1, new UserDeletedEvent("44", "carol", at, ROOT_ACTOR)),
                event("Channel", "channel-3", 0, new ChannelCreatedEvent("channel-3", 0, "demo", "sk-upstream",
                        "http://localhost:1", List.of("gpt-4o", "gpt-4o-mini"), List.of("vip"), 0, 1, Map.of(), "", 1,
                        at, ROOT_ACTOR))));

        JsonNode options = await().atMost(PROJECTED).ignoreExceptions().until(() -> get("/api/option/", ROOT).body(),
                body -> find(body, "Notice").equals("maintenance at noon"));
        assertThat(find(options, "ModelRatio")).isEqualTo("{\"gpt-4o\":2.5}");
        assertThat(find(options, "QuotaPerUnit")).as("a default").isEqualTo("500000");
        assertThat(options.path("data").findValuesAsText("key")).doesNotContain("SMTPToken", "EpayKey",
                "TurnstileSecretKey").contains("Price", "RegisterEnabled");
        assertThat(get("/api/option/", ALICE).status()).isEqualTo(403);
        assertThat(get("/api/option/", null).status()).isEqualTo(401);
        assertThat(get("/api/notice", null).body().path("data").asText()).isEqualTo("maintenance at noon");
        assertThat(get("/api/about", null).body().path("data").asText()).isEmpty();
        assertThat(get("/api/home_page_content", null).body().path("success").asBoolean()).isTrue();
        assertThat(get("/api/status", null).body().path("data").path("check_in_enabled").asBoolean()).isTrue();

        JsonNode alice = await().atMost(PROJECTED).ignoreExceptions().until(() -> get("/api/user/self", ALICE).body(),
                body -> body.at("/data/group").asText().equals("vip"));
        assertThat(alice.at("/data/remark").asText()).isEqualTo("key account");
        assertThat(alice.at("/data/display_name").asText()).isEqualTo("Alice");
        assertThat(get("/api/user/check_in_status", ALICE).body().at("/data/can_check_in").asBoolean()).isFalse();
        assertThat(get("/api/user/check_in_status", ROOT).body().at("/data/can_check_in").asBoolean()).isTrue();
        assertThat(get("/api/user/aff", ALICE).body().path("data").asText()).isEqualTo("AFF1");
        assertThat(get("/api/user/self/groups", ALICE).body().path("data").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("default", "vip");
        assertThat(get("/api/user/self/groups", ALICE).body().at("/data/vip/ratio").asDouble()).isEqualTo(1.5);
        assertThat(get("/api/user/groups", null).body().at("/data/vip/desc").asText()).isEqualTo("VIP");
        JsonNode models = await().atMost(PROJECTED).ignoreExceptions().until(() -> get("/api/user/models", ALICE).body(),
                body -> body.path("data").size() == 2);
        assertThat(models.path("data").get(0).asText()).isEqualTo("gpt-4o");
        assertThat(get("/api/user/self", BOB).status()).as("disabled").isEqualTo(403);

        assertThat(get("/api/user/search?keyword=ali", ROOT).body().at("/data/items/0/username").asText()).isEqualTo("alice");
        assertThat(get("/api/user/search?keyword=43", ROOT).body().at("/data/items/0/username").asText()).isEqualTo("bob");
        assertThat(get("/api/user/search?keyword=%25", ROOT).body().at("/data/total").asLong()).as("LIKE escaped").isZero();
        assertThat(get("/api/user/search?keyword=&group=vip", ROOT).body().at("/data/total").asLong()).isEqualTo(1);
        assertThat(get("/api/user/?keyword=bo", ROOT).body().at("/data/total").asLong()).isEqualTo(1);
        assertThat(get("/api/user/search?keyword=carol", ROOT).body().at("/data/total").asLong()).as("deleted").isZero();
        assertThat(get("/api/user/search?keyword=a&p=x", ROOT).status()).isEqualTo(400);
        assertThat(get("/api/user/search?keyword=a", ALICE).status()).isEqualTo(403);

        List<String> manageLogs = jdbc.sql("SELECT content FROM logs WHERE type = 3 ORDER BY id").query(String.class).list();
        assertThat(manageLogs).anyMatch(c -> c.startsWith("user disabled by admin 1"))
                .anyMatch(c -> c.startsWith("user deleted")).anyMatch(c -> c.startsWith("profile updated"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logs WHERE user_id = 42 AND type = 3").query(Long.class).single())
                .as("the profile update only: alice's own transfer and check-in are not manage logs").isEqualTo(1);

        Map<String, String> catalog = catalog(List.of("option:ModelRatio", "user:43", "user:44", "option:Notice"));
        assertThat(catalog.get("option:ModelRatio")).contains("2.5");
        assertThat(json.readTree(catalog.get("user:43")).path("status").asInt()).isEqualTo(Status.DISABLED);
        assertThat(catalog.get("user:44")).as("deleted: a tombstone").isNull();
    }

    private String find(JsonNode options, String key) {
        for (JsonNode option : options.path("data")) {
            if (option.path("key").asText().equals(key)) {
                return option.path("value").asText();
            }
        }
        return "<absent>";
    }

    record Reply(int status, JsonNode body) {
    }

    private Reply get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    /** The latest value of each key once all of them were seen (a tombstone reads as null). */
    private Map<String, String> catalog(List<String> keys) {
        Map<String, String> latest = new HashMap<>();
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(CatalogTopic.NAME, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(PROJECTED).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    latest.put(record.key(), record.value());
                    seen.add(record.key());
                }
                return seen.containsAll(keys);
            });
        }
        return latest;
    }

    private void append(List<GenericDomainEventMessage<Object>> events) {
        EmbeddedEventStore writer = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
        try {
            writer.publish(events);
        } finally {
            writer.shutDown();
        }
    }

    private static GenericDomainEventMessage<Object> user(long id, String name, int role, String group, String affCode) {
        return event("UserAccount", String.valueOf(id), 0, new UserRegisteredEvent(String.valueOf(id), name, "$2a$x",
                null, role, Status.ENABLED, group, affCode, null, 0, 1_767_225_600L, Actor.SYSTEM));
    }

    private static GenericDomainEventMessage<Object> token(long id, long sequence, String token) {
        return event("UserAccount", String.valueOf(id), sequence, new AccessTokenIssuedEvent(String.valueOf(id), token,
                new Actor(id, Roles.COMMON)));
    }

    private static GenericDomainEventMessage<Object> option(long sequence, String key, String value) {
        return event("SystemSettings", SystemOptions.SETTINGS_ID, sequence, new OptionChangedEvent(
                SystemOptions.SETTINGS_ID, key, value, "", 1_767_225_600L, ROOT_ACTOR));
    }

    private static GenericDomainEventMessage<Object> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload);
    }
}
