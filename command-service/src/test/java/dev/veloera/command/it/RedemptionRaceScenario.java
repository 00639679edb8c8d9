package dev.veloera.command.it;

import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.RedemptionIds;
import dev.veloera.contracts.redemption.RedemptionStatus;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redemption's invariants through the HTTP API on a real event store: however many redeemers race, a gift code
 * with {@code max_uses} N credits exactly N users, each once, and a normal code credits one; every use is a
 * {@link CodeRedeemedEvent} with its {@link QuotaCreditedEvent}, committed together.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.catalog.token-wait=0s"
})
abstract class RedemptionRaceScenario {

    private static final long QUOTA = 1_000;

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

    private MoneyApi api;

    @BeforeEach
    void client() {
        api = new MoneyApi(port);
    }

    /** 100 redeems (25 users, 4 threads each) of a gift code with max_uses 10: exactly 10 users credited, once each. */
    @Test
    void aHundredConcurrentRedeemsOfACodeForTenCreditExactlyTen() throws Exception {
        List<MoneyApi.User> users = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            users.add(api.user("gift" + i));
        }
        String key = api.codes(Map.of("name", "ten", "quota", QUOTA, "count", 1, "max_uses", 10, "is_gift", true))
                .getFirst();

        List<MoneyApi.Answer> answers = Races.race(100, thread -> api.redeem(users.get(thread % 25), key));

        List<MoneyApi.Answer> credited = answers.stream().filter(MoneyApi.Answer::ok).toList();
        assertThat(answers).filteredOn(a -> !a.ok()).allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(409);
            assertThat(a.code()).isIn("redemption_used", "redemption_used_by_you");
        });
        assertThat(credited).hasSize(10).allSatisfy(a -> {
            assertThat(a.body().at("/data/quota").asLong()).isEqualTo(QUOTA);
            assertThat(a.body().at("/data/is_gift").asBoolean()).isTrue();
        });

        String aggregateId = RedemptionIds.aggregateId(idOf(key));
        List<CodeRedeemedEvent> uses = MoneyApi.events(eventStore, aggregateId, CodeRedeemedEvent.class);
        assertThat(uses).hasSize(10);
        assertThat(uses.stream().map(CodeRedeemedEvent::userId).collect(Collectors.toSet())).hasSize(10);
        assertThat(uses.getLast().usedCountAfter()).isEqualTo(10);
        assertThat(uses.getLast().statusAfter()).isEqualTo(RedemptionStatus.USED);
        List<QuotaCreditedEvent> credits = users.stream()
                .flatMap(u -> MoneyApi.events(eventStore, String.valueOf(u.id()), QuotaCreditedEvent.class).stream())
                .toList();
        assertThat(credits).hasSize(10).allSatisfy(c -> {
            assertThat(c.source()).isEqualTo(CreditSource.REDEMPTION);
            assertThat(c.sourceId()).isEqualTo(String.valueOf(idOf(key)));
            assertThat(c.amount()).isEqualTo(QUOTA);
            assertThat(c.quotaAfter()).isEqualTo(QUOTA);
            assertThat(c.reason()).isEqualTo("通过礼品码充值 ＄0.002000 额度，兑换码ID " + idOf(key));
        });
        assertThat(credits.stream().map(c -> Long.parseLong(c.userId())).collect(Collectors.toSet()))
                .isEqualTo(uses.stream().map(CodeRedeemedEvent::userId).collect(Collectors.toSet()));
    }

    /** One user redeeming one unlimited gift code from 20 threads is credited once; a normal code, once in all. */
    @Test
    void oneUserRedeemingAGiftCodeFromTwentyThreadsIsCreditedOnce() throws Exception {
        MoneyApi.User eve = api.user("eve");
        String gift = api.codes(Map.of("name", "gift", "quota", QUOTA, "count", 1, "max_uses", -1,
                "is_gift", true)).getFirst();

        List<MoneyApi.Answer> answers = Races.race(20, thread -> api.redeem(eve, gift));

        assertThat(answers).filteredOn(MoneyApi.Answer::ok).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.ok()).hasSize(19)
                .allSatisfy(a -> assertThat(a.code()).as(a.toString()).isEqualTo("redemption_used_by_you"));
        assertThat(MoneyApi.events(eventStore, String.valueOf(eve.id()), QuotaCreditedEvent.class)).singleElement()
                .satisfies(c -> assertThat(c.quotaAfter()).isEqualTo(QUOTA));

        List<MoneyApi.User> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(api.user("normal" + i));
        }
        String normal = api.codes(Map.of("name", "normal", "quota", QUOTA, "count", 1)).getFirst();
        List<MoneyApi.Answer> normalAnswers = Races.race(20, thread -> api.redeem(others.get(thread % 10), normal));
        assertThat(normalAnswers).filteredOn(MoneyApi.Answer::ok).hasSize(1);
        assertThat(normalAnswers).filteredOn(a -> !a.ok())
                .allSatisfy(a -> assertThat(a.code()).as(a.toString()).isEqualTo("redemption_used"));
        Set<Long> creditedUsers = others.stream().filter(u -> !MoneyApi.events(eventStore, String.valueOf(u.id()),
                QuotaCreditedEvent.class).isEmpty()).map(MoneyApi.User::id).collect(Collectors.toSet());
        assertThat(creditedUsers).hasSize(1);
    }

    private long idOf(String key) {
        Long id = jdbc.queryForObject("SELECT redemption_id FROM cmd_redemption WHERE key_value = ?", Long.class, key);
        return id == null ? 0 : id;
    }
}
