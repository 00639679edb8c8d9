package dev.veloera.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.RedemptionCreatedEvent;
import dev.veloera.contracts.redemption.RedemptionStatus;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.query.support.SqliteTestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money reads and the audit trail on a real event store: an account's history (an admin sets the quota, a
 * redemption, a paid top-up, relayed usage settled) appended as command-service appends it, projected, then read
 * over HTTP. The audit's last balance is the projected {@code users.quota}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class MoneyReadIntegrationTest {

    private static final String ROOT_TOKEN = "r".repeat(32);
    private static final String ALICE_TOKEN = "a".repeat(32);
    private static final Actor ROOT = new Actor(1, Roles.ROOT);
    private static final Actor ALICE = new Actor(42, Roles.COMMON);

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
    EventProcessingConfiguration processing;

    @Test
    void auditTrailEndsAtTheProjectedBalanceAndTheMoneyListsServeVeloerasFields() {
        appendHistory();
        RestClient http = RestClient.create("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc
                .sql("SELECT COUNT(*) FROM users WHERE id = 42 AND used_quota = 300").query(Long.class).single() == 1);
        long projected = jdbc.sql("SELECT quota FROM users WHERE id = 42").query(Long.class).single();
        assertThat(projected).isEqualTo(5_001_200);

        JsonNode audit = get(http, "/api/audit/user/42?page_size=100", ROOT_TOKEN).path("data");
        assertThat(audit.path("total").asInt()).isEqualTo(7);
        JsonNode items = audit.path("items");
        assertThat(items.get(items.size() - 1).path("quota_after").asLong()).isEqualTo(projected);
        assertThat(items.get(2).path("event").asText()).isEqualTo("UserQuotaSetEvent");
        assertThat(items.get(2).path("actor").path("user_id").asLong()).isEqualTo(1);
        assertThat(items.get(2).path("quota_before").asLong()).isZero();
        assertThat(items.get(2).path("quota_after").asLong()).isEqualTo(1_000);
        assertThat(items.get(3).path("payload").path("source").asText()).isEqualTo(CreditSource.REDEMPTION);
        assertThat(items.get(3).path("quota_after").asLong()).isEqualTo(1_500);
        assertThat(items.get(4).path("actor").path("system").asBoolean()).isTrue();
        assertThat(items.get(4).path("quota_after").asLong()).isEqualTo(5_001_500);
        assertThat(items.get(0).path("payload").has("passwordHash")).as("no secrets in the trail").isFalse();
        assertThat(items.get(1).path("payload").has("accessToken")).isFalse();

        JsonNode token = get(http, "/api/audit/token/5", ROOT_TOKEN).path("data").path("items");
        assertThat(token).hasSize(2);
        assertThat(token.get(1).path("event").asText()).isEqualTo("UsageSettledEvent");
        assertThat(token.get(1).path("quota_before").asLong()).isEqualTo(5_001_500);
        assertThat(get(http, "/api/audit/redemption/7", ROOT_TOKEN).at("/data/total").asInt()).isEqualTo(2);
        assertThat(get(http, "/api/audit/topup/3", ROOT_TOKEN).at("/data/items/1/event").asText())
                .isEqualTo("TopUpPaidEvent");
        assertThat(status(http, "/api/audit/user/42", ALICE_TOKEN)).isEqualTo(403);
        assertThat(status(http, "/api/audit/wallet/42", ROOT_TOKEN)).isEqualTo(404);
        assertThat(status(http, "/api/audit/user/abc", ROOT_TOKEN)).isEqualTo(400);
        assertThat(status(http, "/api/audit/redemption/99", ROOT_TOKEN)).isEqualTo(404);

        JsonNode codes = get(http, "/api/redemption/?p=1&page_size=10", ROOT_TOKEN).path("data");
        assertThat(codes.path("total").asInt()).isEqualTo(1);
        assertThat(codes.at("/items/0/key").asText()).isEqualTo("k".repeat(32));
        assertThat(codes.at("/items/0/used_count").asInt()).isEqualTo(1);
        assertThat(codes.at("/items/0/is_gift").asBoolean()).isTrue();
        assertThat(get(http, "/api/redemption/search?keyword=spr", ROOT_TOKEN).at("/data/total").asInt()).isEqualTo(1);
        assertThat(get(http, "/api/redemption/search?keyword=7", ROOT_TOKEN).at("/data/total").asInt()).isEqualTo(1);
        assertThat(get(http, "/api/redemption/search?keyword=autumn", ROOT_TOKEN).at("/data/total").asInt()).isZero();
        assertThat(get(http, "/api/redemption/count-by-name?name=spring", ROOT_TOKEN).path("data").asLong()).isEqualTo(1);
        assertThat(status(http, "/api/redemption/count-by-name", ROOT_TOKEN)).isEqualTo(400);
        assertThat(get(http, "/api/redemption/7", ROOT_TOKEN).at("/data/name").asText()).isEqualTo("spring");
        assertThat(get(http, "/api/redemption/7/logs", ROOT_TOKEN).at("/data/items/0/username").asText())
                .isEqualTo("alice");
        assertThat(status(http, "/api/redemption/8", ROOT_TOKEN)).isEqualTo(404);
        assertThat(status(http, "/api/redemption/x", ROOT_TOKEN)).isEqualTo(400);
        assertThat(status(http, "/api/redemption/", ALICE_TOKEN)).isEqualTo(403);

        JsonNode topups = get(http, "/api/topup/?status=success", ROOT_TOKEN).path("data");
        assertThat(topups.path("total").asInt()).isEqualTo(1);
        assertThat(topups.at("/items/0/trade_no").asText()).isEqualTo("USR42NOabcdef1767225600");
        assertThat(topups.at("/items/0/money").decimalValue()).isEqualByComparingTo("73.00");
        assertThat(topups.at("/items/0/amount").asLong()).isEqualTo(10);
        assertThat(get(http, "/api/topup/self", ALICE_TOKEN).at("/data/items/0/status").asText()).isEqualTo("success");
        assertThat(status(http, "/api/topup/", ALICE_TOKEN)).isEqualTo(403);
        assertThat(status(http, "/api/topup/?status=weird", ROOT_TOKEN)).isEqualTo(400);

        assertThat(jdbc.sql("SELECT content FROM logs WHERE user_id = 42 AND type = 1 ORDER BY id")
                .query(String.class).list()).containsExactly("通过礼品码充值 ＄0.001000 额度，兑换码ID 7",
                "使用在线充值成功，充值金额: ＄10.000000 额度，支付金额：73.000000");

        replayRebuildsTheSameRows();
    }

    /** A reset of the users' group clears codes, uses and orders and the replay rebuilds them; no log line twice. */
    private void replayRebuildsTheSameRows() {
        List<Map<String, Object>> codes = SqliteTestDatabase.rows(jdbc, "redemptions", "id");
        List<Map<String, Object>> orders = SqliteTestDatabase.rows(jdbc, "topups", "id");
        String uses = "SELECT redemption_id, user_id, used_time FROM redemption_logs ORDER BY redemption_id, user_id";
        List<Map<String, Object>> usesBefore = jdbc.sql(uses).query().listOfRows();
        long logLines = jdbc.sql("SELECT COUNT(*) FROM logs").query(Long.class).single();
        TrackingEventProcessor processor = processing.eventProcessor("user-accounts", TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(processor.isReplaying()).isFalse();
            assertThat(SqliteTestDatabase.rows(jdbc, "redemptions", "id")).isEqualTo(codes);
            assertThat(SqliteTestDatabase.rows(jdbc, "topups", "id")).isEqualTo(orders);
            assertThat(jdbc.sql(uses).query().listOfRows()).isEqualTo(usesBefore);
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM logs").query(Long.class).single()).isEqualTo(logLines);
    }

    private void appendHistory() {
        EmbeddedEventStore writer = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
        try {
            writer.publish(List.of(
                    event("UserAccount", "1", 0, new UserRegisteredEvent("1", "root", "$2a$root", "Root", Roles.ROOT, 1,
                            "default", null, null, 0, 1_767_225_600_000L, Actor.SYSTEM)),
                    event("UserAccount", "1", 1, new AccessTokenIssuedEvent("1", ROOT_TOKEN, ROOT)),
                    event("UserAccount", "42", 0, new UserRegisteredEvent("42", "alice", "$2a$alice", null,
                            Roles.COMMON, 1, "default", null, null, 0, 1_767_225_600_000L, Actor.SYSTEM)),
                    event("UserAccount", "42", 1, new AccessTokenIssuedEvent("42", ALICE_TOKEN, ALICE)),
                    event("UserAccount", "42", 2, new UserQuotaSetEvent("42", 0, 1_000, ROOT)),
                    event("Redemption", "redemption-7", 0, new RedemptionCreatedEvent("redemption-7", "spring",
                            "k".repeat(32), 500, 10, 0, 0, true, 1_767_225_600L, ROOT)),
                    event("Redemption", "redemption-7", 1, new CodeRedeemedEvent("redemption-7", 42, 500, true, 1,
                            RedemptionStatus.ENABLED, 1_767_225_700L, ALICE)),
                    event("UserAccount", "42", 3, new QuotaCreditedEvent("42", 500, 1_500, CreditSource.REDEMPTION,
                            "7", "通过礼品码充值 ＄0.001000 额度，兑换码ID 7", 1_767_225_700L, ALICE)),
                    event("TopUp", "topup-3", 0, new TopUpOrderPlacedEvent("topup-3", 42, "USR42NOabcdef1767225600", 10,
                            new BigDecimal("73.00"), 5_000_000, "alipay", 1_767_225_600L, 1_767_229_200_000L, "d-1",
                            ALICE)),
                    event("TopUp", "topup-3", 1, new TopUpPaidEvent("topup-3", 42, "USR42NOabcdef1767225600",
                            5_000_000, new BigDecimal("73.00"), "2026112900001", 1_767_225_800L, Actor.SYSTEM)),
                    event("UserAccount", "42", 4, new QuotaCreditedEvent("42", 5_000_000, 5_001_500,
                            CreditSource.TOP_UP, "USR42NOabcdef1767225600",
                            "使用在线充值成功，充值金额: ＄10.000000 额度，支付金额：73.000000", 1_767_225_800L,
                            Actor.SYSTEM)),
                    event("UserAccount", "42", 5, new ApiTokenCreatedEvent("42", 5, "main", "h".repeat(44),
                            "sk-abcd…wxyz", 1_767_225_600L, -1, 5_000, false, false, List.of(), "", "default", ALICE)),
                    event("UserAccount", "42", 6, new UsageSettledEvent("42", 0, 3, List.of(
                            new SettledUsage("req-2", "lease-1", 5, 300, "success", 0)), 5_001_200, 300, 1,
                            List.of(new TokenBalance(5, 4_700, 300)), List.of(), Actor.SYSTEM))));
        } finally {
            writer.shutDown();
        }
    }

    private static GenericDomainEventMessage<Object> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload);
    }

    private static JsonNode get(RestClient http, String path, String bearer) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer).retrieve()
                .body(JsonNode.class);
    }

    private static int status(RestClient http, String path, String bearer) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange((request, response) -> response.getStatusCode().value());
    }
}
