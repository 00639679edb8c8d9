package dev.veloera.command.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.command.user.UsageSettlementListener;
import dev.veloera.contracts.lease.LeaseRequest;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.veloera.schema.testing.TestDatabases;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every money route that writes, through HTTP on SQLite, with its refusals: who may call, bad bodies, codes
 * that are unknown, expired, not yet valid, disabled, deleted or used up; quotes and orders below the minimum
 * or unconfigured; notifications badly signed, for unknown orders, for the wrong amount, or not a success.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.catalog.token-wait=0s"
})
class MoneyApiTest {

    private static final TestDatabases.TestDatabase DB = TestDatabases.create(TestDatabases.Engine.SQLITE);

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
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.commandhandling.gateway.CommandGateway commands;
    @Autowired
    UsageSettlementListener settlement;

    private MoneyApi api;

    @BeforeEach
    void client() {
        api = new MoneyApi(port);
    }

    @Test
    void redemptionAdminRoutesAndTheirRefusals() throws Exception {
        String root = api.root();
        MoneyApi.User user = api.user("plain");

        assertThat(api.call("POST", "/api/redemption/", null, Map.of("name", "x", "quota", 1, "count", 1)).status())
                .isEqualTo(401);
        assertThat(api.call("POST", "/api/redemption/", user.token(), Map.of("name", "x", "quota", 1, "count", 1))
                .status()).isEqualTo(403);
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "", "quota", 1, "count", 1)), 400,
                "兑换码名称长度必须在1-20之间");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x".repeat(21), "quota", 1,
                "count", 1)), 400, "兑换码名称长度必须在1-20之间");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x", "quota", 1, "count", 0)), 400,
                "兑换码个数必须大于0");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x", "quota", 1, "count", 101)), 400,
                "一次兑换码批量生成的个数不能大于 100");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x", "quota", 0, "count", 1)), 400,
                "quota must be positive");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x", "quota", 1, "count", 1,
                "max_uses", -5)), 400, "max_uses");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "x", "quota", 1, "count", 1,
                "valid_from", 200, "valid_until", 100)), 400, "生效时间必须早于过期时间");
        assertThat(api.call("POST", "/api/redemption/", root, "{not json").status()).isEqualTo(400);

        List<String> batch = api.codes(Map.of("name", "batch", "quota", 100, "count", 3));
        assertThat(batch).hasSize(3).allSatisfy(k -> assertThat(k).matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
        assertThat(api.codes(Map.of("name", "fixed", "quota", 100, "key", "MY-OWN-CODE"))).containsExactly("MY-OWN-CODE");
        assertRefused(api.call("POST", "/api/redemption/", root, Map.of("name", "again", "quota", 100,
                "key", "MY-OWN-CODE")), 409, "兑换码内容已存在");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cmd_redemption WHERE name = 'again'", Integer.class))
                .as("a refused creation leaves nothing behind").isZero();

        // PUT changes quota and window; the next redeem gets the new quota
        long fixedId = idOf("MY-OWN-CODE");
        assertThat(api.call("PUT", "/api/redemption/", root, Map.of("id", fixedId, "name", "fixed2", "quota", 700))
                .ok()).isTrue();
        assertRefused(api.call("PUT", "/api/redemption/", root, Map.of("id", 999_999, "name", "n", "quota", 1)), 404,
                "no redemption code");
        assertRefused(api.call("PUT", "/api/redemption/", root, Map.of("name", "n", "quota", 1)), 400, "id is required");
        assertRefused(api.call("PUT", "/api/redemption/?status_only=true", root, Map.of("id", fixedId, "status", 3)),
                400, "status must be 1 (enabled) or 2 (disabled)");
        MoneyApi.Answer redeemed = api.redeem(user, "MY-OWN-CODE");
        assertThat(redeemed.ok()).as(redeemed.toString()).isTrue();
        assertThat(redeemed.body().at("/data/quota").asLong()).isEqualTo(700);
        assertThat(redeemed.body().at("/data/is_gift").asBoolean()).isFalse();
        assertRefused(api.redeem(user, "MY-OWN-CODE"), 409, "兑换失败，该兑换码已被使用");
        assertRefused(api.call("PUT", "/api/redemption/?status_only=true", root, Map.of("id", fixedId, "status", 1)),
                409, "used up");

        // redeem refusals
        assertRefused(api.redeem(user, "NO-SUCH-CODE"), 404, "兑换失败，无效的兑换码");
        assertRefused(api.call("POST", "/api/user/topup", user.token(), Map.of()), 400, "key is required");
        assertThat(api.call("POST", "/api/user/topup", null, Map.of("key", "MY-OWN-CODE")).status()).isEqualTo(401);
        long now = Instant.now().getEpochSecond();
        String expired = api.codes(Map.of("name", "old", "quota", 100, "count", 1, "valid_until", now - 10)).getFirst();
        assertRefused(api.redeem(user, expired), 400, "兑换失败，兑换码已过期");
        String future = api.codes(Map.of("name", "soon", "quota", 100, "count", 1, "valid_from", now + 3600))
                .getFirst();
        assertRefused(api.redeem(user, future), 400, "兑换失败，兑换码尚未生效");

        // bulk: disable two of the batch, a disabled code is refused, delete the disabled, then by name
        long first = idOf(batch.get(0));
        long second = idOf(batch.get(1));
        MoneyApi.Answer disabled = api.call("PUT", "/api/redemption/batch-disable", root,
                Map.of("ids", List.of(first, second, 999_999)));
        assertThat(disabled.body().path("data").asInt()).as(disabled.toString()).isEqualTo(2);
        assertRefused(api.call("PUT", "/api/redemption/batch-disable", root, Map.of("ids", List.of())), 400,
                "ID列表不能为空");
        assertRefused(api.redeem(user, batch.get(0)), 400, "兑换失败，该兑换码已被禁用");
        assertThat(api.call("DELETE", "/api/redemption/delete-disabled", root, null).body().path("data").asInt())
                .isEqualTo(2);
        assertRefused(api.redeem(user, batch.get(0)), 404, "兑换失败，无效的兑换码");
        assertRefused(api.call("DELETE", "/api/redemption/delete-by-name", root, null), 400, "名称不能为空");
        assertThat(api.call("DELETE", "/api/redemption/delete-by-name?name=batch", root, null).body().path("data")
                .asInt()).isEqualTo(1);
        assertRefused(api.redeem(user, batch.get(2)), 404, "兑换失败，无效的兑换码");

        assertThat(api.call("DELETE", "/api/redemption/" + idOf(future), root, null).ok()).isTrue();
        assertRefused(api.call("DELETE", "/api/redemption/" + idOf(future), root, null), 404, "no redemption code");
        assertRefused(api.call("DELETE", "/api/redemption/abc", root, null), 400, "id must be a number");
        assertThat(api.call("DELETE", "/api/redemption/" + idOf(expired), user.token(), null).status()).isEqualTo(403);

        assertThat(MoneyApi.events(eventStore, String.valueOf(user.id()), QuotaCreditedEvent.class)).singleElement()
                .satisfies(c -> assertThat(c.quotaAfter()).isEqualTo(700));
    }

    @Test
    void paymentRoutesAndTheirRefusals() throws Exception {
        MoneyApi.User buyer = api.user("buyer");
        Epay.reset(commands);
        assertThat(api.call("POST", "/api/user/amount", null, Map.of("amount", 10)).status()).isEqualTo(401);
        MoneyApi.Answer quote = api.call("POST", "/api/user/amount", buyer.token(), Map.of("amount", 10));
        assertThat(quote.ok()).as(quote.toString()).isTrue();
        assertThat(quote.body().path("data").asText()).as("Veloera's default Price 7.3").isEqualTo("73.00");
        assertRefused(api.call("POST", "/api/user/pay", buyer.token(), Map.of("amount", 10)), 503,
                "当前管理员未配置支付信息");

        Epay.configure(commands, Map.of("MinTopUp", "5", "TopupGroupRatio", "{\"default\": 2}", "Price", "1.5"));
        assertThat(api.call("POST", "/api/user/amount", buyer.token(), Map.of("amount", 10)).body().path("data")
                .asText()).isEqualTo("30.00");
        assertRefused(api.call("POST", "/api/user/amount", buyer.token(), Map.of("amount", 4)), 400,
                "充值数量不能小于 5");
        assertRefused(api.call("POST", "/api/user/pay", buyer.token(), Map.of()), 400, "充值数量不能小于 5");
        assertRefused(api.call("POST", "/api/user/pay", buyer.token(), Map.of("amount", 1_000_000_000)), 400,
                "充值数量过大");
        MoneyApi.Answer order = api.call("POST", "/api/user/pay", buyer.token(),
                Map.of("amount", 5, "payment_method", "wx"));
        assertThat(order.ok()).as(order.toString()).isTrue();
        assertThat(order.body().at("/data/type").asText()).isEqualTo("wxpay");
        assertThat(order.body().at("/data/money").asText()).isEqualTo("15.00");
        String tradeNo = order.body().at("/data/out_trade_no").asText();

        HttpResponse<String> forged = api.get(Epay.notification(tradeNo, "15.00", "TRADE_SUCCESS", "wrong-key"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).isEqualTo("fail");
        HttpResponse<String> unsigned = api.get("/api/user/epay/notify?out_trade_no=" + tradeNo
                + "&money=15.00&trade_status=TRADE_SUCCESS");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = api.get(Epay.notification("USR1NOnothing", "15.00", "TRADE_SUCCESS", Epay.KEY));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("fail");
        HttpResponse<String> wrongMoney = api.get(Epay.notification(tradeNo, "0.01", "TRADE_SUCCESS", Epay.KEY));
        assertThat(wrongMoney.statusCode()).isEqualTo(400);
        HttpResponse<String> notANumber = api.get(Epay.notification(tradeNo, "lots", "TRADE_SUCCESS", Epay.KEY));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        HttpResponse<String> waiting = api.get(Epay.notification(tradeNo, "15.00", "WAIT_BUYER_PAY", Epay.KEY));
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.body()).isEqualTo("success");
        assertThat(MoneyApi.events(eventStore, String.valueOf(buyer.id()), QuotaCreditedEvent.class))
                .as("nothing above credits").isEmpty();

        HttpResponse<String> paid = api.get(Epay.notification(tradeNo, "15.00", "TRADE_SUCCESS", Epay.KEY));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).isEqualTo("success");
        assertThat(api.get(Epay.notification(tradeNo, "15.00", "TRADE_SUCCESS", Epay.KEY)).body()).isEqualTo("success");
        assertThat(MoneyApi.events(eventStore, String.valueOf(buyer.id()), QuotaCreditedEvent.class)).singleElement()
                .satisfies(c -> assertThat(c.quotaAfter()).isEqualTo(5 * 500_000));
    }

    /**
     * The command-side half of the audit trail: an admin sets the quota, a code is redeemed, an order paid, a
     * relayed request settled from the usage topic; each balance change is an event carrying its actor and the
     * quota after it, the last of which is the account's balance (query-service's BalanceFold reads these).
     */
    @Test
    void everyBalanceChangeCarriesItsActorAndTheQuotaAfter() throws Exception {
        MoneyApi.User user = api.user("history");
        assertThat(api.call("PUT", "/api/user/", api.root(), Map.of("id", user.id(), "quota", 1_000)).ok()).isTrue();
        assertThat(api.redeem(user, api.codes(Map.of("name", "h", "quota", 500, "count", 1)).getFirst()).ok()).isTrue();
        Epay.configure(commands, Map.of("MinTopUp", "1", "Price", "7.3", "TopupGroupRatio", "{\"default\": 1}"));
        String tradeNo = api.call("POST", "/api/user/pay", user.token(), Map.of("amount", 1)).body()
                .at("/data/out_trade_no").asText();
        assertThat(api.get(Epay.notification(tradeNo, "7.30", "TRADE_SUCCESS", Epay.KEY)).body()).isEqualTo("success");
        CommandServiceClient client = new CommandServiceClient(port);
        long tokenId = client.apiToken("history", Map.of("name", "t", "remain_quota", 0, "unlimited_quota", true));
        assertThat(client.lease(new LeaseRequest("l-history", user.id(), tokenId, "relay-0", 1_000, 1_000))
                .statusCode()).isEqualTo(200);
        UsageRecorded usage = new UsageRecorded("req-history", System.currentTimeMillis(), user.id(), "history",
                tokenId, "t", 1, "default", "gpt-4o", "gpt-4o", 3, 2, 300, "l-history", false, 120,
                UsageRecorded.SUCCESS, null, "127.0.0.1", Map.of());
        settlement.settle(List.of(new ConsumerRecord<>(UsageTopic.NAME, 0, 0, String.valueOf(user.id()),
                new ObjectMapper().writeValueAsString(usage))));

        List<String> changes = eventStore.readEvents(String.valueOf(user.id()), 0).asStream()
                .map(m -> m.getPayload())
                .map(e -> switch (e) {
                    case UserQuotaSetEvent set -> "set " + set.quota() + " by " + set.actor().userId();
                    case QuotaCreditedEvent credit -> credit.source() + " " + credit.quotaAfter() + " by "
                            + credit.actor().userId();
                    case UsageSettledEvent settled -> "settled " + settled.userQuotaAfter() + " by "
                            + settled.actor().userId();
                    default -> null;
                })
                .filter(java.util.Objects::nonNull).toList();
        long rootId = jdbc.queryForObject("SELECT user_id FROM cmd_user_directory WHERE username = 'root'", Long.class);
        assertThat(changes).containsExactly("set 1000 by " + rootId, "redemption 1500 by " + user.id(),
                "topup 501500 by 0", "settled 501200 by 0");
    }

    private static void assertRefused(MoneyApi.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("message").asText()).as(answer.toString()).contains(message);
    }

    private long idOf(String key) {
        Long id = jdbc.queryForObject("SELECT redemption_id FROM cmd_redemption WHERE key_value = ?", Long.class, key);
        return id == null ? 0 : id;
    }
}
