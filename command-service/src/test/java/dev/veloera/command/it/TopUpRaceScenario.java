package dev.veloera.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.veloera.command.topup.EpaySignature;
import dev.veloera.contracts.topup.TopUpCancelledEvent;
import dev.veloera.contracts.topup.TopUpIds;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.user.AffiliateQuotaCreditedEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.schema.testing.TestDatabases;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TopUp's invariants through the HTTP API on a real event store: however many signed notifications of one
 * order race, it is paid once, its user credited once and the inviter's rebate given once, all in one
 * transaction; an order left unpaid is cancelled by its persistent deadline and a payment after that credits
 * nothing.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.catalog.token-wait=0s",
        "veloera.scheduler-polling-interval=PT0.5S"
})
abstract class TopUpRaceScenario {

    /** A deadline made due now fires within the scheduler's polling interval (0.5 s); the rest is margin. */
    private static final long DEADLINE_WAIT_MS = 20_000;
    private static final long QUOTA_PER_DOLLAR = 500_000;

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
    org.axonframework.commandhandling.gateway.CommandGateway commands;
    @Autowired
    Scheduler scheduler;

    private MoneyApi api;

    @BeforeEach
    void client() {
        api = new MoneyApi(port);
        Epay.configure(commands, Map.of("RebateEnabled", "true", "RebatePercentage", "10", "Price", "7.3"));
    }

    @Test
    void fiftyConcurrentDuplicateNotificationsCreditOnce() throws Exception {
        MoneyApi.User inviter = api.user("inviter");
        String affCode = jdbc.queryForObject("SELECT aff_code FROM cmd_user_directory WHERE user_id = ?", String.class,
                inviter.id());
        MoneyApi.Answer registered = api.call("POST", "/api/user/register", null,
                Map.of("username", "payer", "password", "payer-password", "aff_code", affCode));
        assertThat(registered.ok()).as(registered.toString()).isTrue();
        MoneyApi.User payer = new MoneyApi.User(registered.body().at("/data/id").asLong(),
                new CommandServiceClient(port).login("payer", "payer-password"));

        MoneyApi.Answer order = api.call("POST", "/api/user/pay", payer.token(),
                Map.of("amount", 10, "payment_method", "zfb"));
        assertThat(order.ok()).as(order.toString()).isTrue();
        assertThat(order.body().path("url").asText()).isEqualTo("https://pay.example.com/submit.php");
        JsonNode params = order.body().path("data");
        assertThat(params.path("money").asText()).isEqualTo("73.00");
        assertThat(params.path("type").asText()).isEqualTo("alipay");
        assertThat(params.path("notify_url").asText()).isEqualTo("https://veloera.example.com/api/user/epay/notify");
        String tradeNo = params.path("out_trade_no").asText();
        assertThat(tradeNo).startsWith("USR" + payer.id() + "NO");
        Map<String, String> signed = new HashMap<>();
        params.fields().forEachRemaining(e -> signed.put(e.getKey(), e.getValue().asText()));
        assertThat(EpaySignature.verify(signed, Epay.KEY)).as("the form is signed as Epay checks it").isTrue();

        long topUpId = jdbc.queryForObject("SELECT topup_id FROM cmd_topup WHERE trade_no = ?", Long.class, tradeNo);
        String aggregateId = TopUpIds.aggregateId(topUpId);
        String deadlineId = MoneyApi.events(eventStore, aggregateId, TopUpOrderPlacedEvent.class).getFirst()
                .expiryDeadlineId();
        assertThat(deadlineRows(deadlineId)).isEqualTo(1);

        String notification = Epay.notification(tradeNo, "73.00", "TRADE_SUCCESS", Epay.KEY);
        List<HttpResponse<String>> answers = Races.race(50, thread -> api.get(notification));

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).isEqualTo("success");
        });
        assertThat(MoneyApi.events(eventStore, aggregateId, TopUpPaidEvent.class)).singleElement()
                .satisfies(p -> assertThat(p.quota()).isEqualTo(10 * QUOTA_PER_DOLLAR));
        assertThat(MoneyApi.events(eventStore, String.valueOf(payer.id()), QuotaCreditedEvent.class)).singleElement()
                .satisfies(c -> {
                    assertThat(c.source()).isEqualTo(CreditSource.TOP_UP);
                    assertThat(c.sourceId()).isEqualTo(tradeNo);
                    assertThat(c.quotaAfter()).isEqualTo(10 * QUOTA_PER_DOLLAR);
                    assertThat(c.reason()).isEqualTo("使用在线充值成功，充值金额: ＄10.000000 额度，支付金额：73.000000");
                });
        // the inviter's other affiliate event is the invitation's (it counts the invitee; QuotaForInviter is 0)
        assertThat(MoneyApi.events(eventStore, String.valueOf(inviter.id()), AffiliateQuotaCreditedEvent.class)
                .stream().filter(r -> !r.source().equals(CreditSource.INVITER_REWARD)).toList())
                .singleElement().satisfies(r -> {
                    assertThat(r.source()).isEqualTo(CreditSource.REBATE);
                    assertThat(r.amount()).isEqualTo(QUOTA_PER_DOLLAR);
                    assertThat(r.affQuotaAfter()).isEqualTo(QUOTA_PER_DOLLAR);
                });
        assertThat(deadlineRows(deadlineId)).as("paid: its expiry deadline is cancelled").isZero();
    }

    @Test
    void anUnpaidOrderIsCancelledByItsDeadlineAndALatePaymentCreditsNothing() throws Exception {
        MoneyApi.User late = api.user("late");
        MoneyApi.Answer order = api.call("POST", "/api/user/pay", late.token(), Map.of("amount", 2));
        assertThat(order.ok()).as(order.toString()).isTrue();
        String tradeNo = order.body().at("/data/out_trade_no").asText();
        long topUpId = jdbc.queryForObject("SELECT topup_id FROM cmd_topup WHERE trade_no = ?", Long.class, tradeNo);
        String aggregateId = TopUpIds.aggregateId(topUpId);
        String deadlineId = MoneyApi.events(eventStore, aggregateId, TopUpOrderPlacedEvent.class).getFirst()
                .expiryDeadlineId();

        // the order's deadline is an hour away: make it due now
        String task = jdbc.queryForObject("SELECT task_name FROM scheduled_tasks WHERE task_instance = ?",
                String.class, deadlineId);
        scheduler.reschedule(TaskInstanceId.of(task, deadlineId), Instant.now());

        List<TopUpCancelledEvent> cancelled = waitFor(() -> MoneyApi.events(eventStore, aggregateId,
                TopUpCancelledEvent.class), list -> !list.isEmpty());
        assertThat(cancelled).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("expired");
            assertThat(c.tradeNo()).isEqualTo(tradeNo);
        });
        assertThat(waitFor(() -> deadlineRows(deadlineId), n -> n == 0)).isZero();

        HttpResponse<String> paidLate = api.get(Epay.notification(tradeNo, "14.60", "TRADE_SUCCESS", Epay.KEY));
        assertThat(paidLate.statusCode()).isEqualTo(409);
        assertThat(paidLate.body()).isEqualTo("fail");
        assertThat(MoneyApi.events(eventStore, aggregateId, TopUpPaidEvent.class)).isEmpty();
        assertThat(MoneyApi.events(eventStore, String.valueOf(late.id()), QuotaCreditedEvent.class)).isEmpty();
    }

    private int deadlineRows(String taskInstance) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?",
                Integer.class, taskInstance);
        return count == null ? 0 : count;
    }

    private static <T> T waitFor(Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + DEADLINE_WAIT_MS;
        T current = value.get();
        while (!done.test(current) && System.currentTimeMillis() < giveUp) {
            Thread.sleep(100);
            current = value.get();
        }
        return current;
    }
}
