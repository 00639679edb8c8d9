package dev.veloera.command.it;

import dev.veloera.contracts.user.AffQuotaTransferredEvent;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.veloera.command.it.CommandServiceClient.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account invariants that races could break, through the HTTP API on a real event store: however many
 * check-ins of one user race, one is credited that day; however many affiliate transfers race, they never take
 * more than {@code aff_quota}, each one debit and one credit.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "veloera.catalog.token-wait=0s",
        "veloera.critical-rate-limit.limit=20"
})
abstract class AccountRaceScenario {

    private static final int THREADS = 20;
    private static final long PER_UNIT = 500_000;

    static void register(DynamicPropertyRegistry registry, TestDatabases.TestDatabase db) {
        QuotaRaceScenario.register(registry, db);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private AccountsClient api;
    private String root;

    @BeforeEach
    void client() throws Exception {
        api = new AccountsClient(port);
        root = api.root();
    }

    @Test
    void concurrentCheckInsCreditExactlyOne() throws Exception {
        api.option(root, "CheckInEnabled", "true");
        api.option(root, "CheckInQuota", "1000");
        api.option(root, "CheckInMaxQuota", "5000");
        long alice = api.register("checker", "checker-password", null);
        String token = api.login("checker", "checker-password");

        List<AccountsClient.Reply> replies = race(() -> api.call("POST", "/api/user/check_in", token, null));

        List<AccountsClient.Reply> credited = replies.stream().filter(AccountsClient.Reply::ok).toList();
        assertThat(credited).hasSize(1);
        assertThat(replies.stream().filter(r -> !r.ok()))
                .allSatisfy(r -> assertThat(r.status()).as(r.body().toString()).isEqualTo(409))
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("already_checked_in"));
        List<QuotaCreditedEvent> checkIns = events(eventStore, alice, QuotaCreditedEvent.class).stream()
                .filter(e -> CreditSource.CHECK_IN.equals(e.source())).toList();
        assertThat(checkIns).hasSize(1);
        long amount = credited.getFirst().body().path("data").path("quota").asLong();
        assertThat(checkIns.getFirst().amount()).isEqualTo(amount).isBetween(1000L, 5000L);
        assertThat(checkIns.getFirst().quotaAfter()).isEqualTo(amount);
    }

    @Test
    void concurrentAffiliateTransfersNeverTakeMoreThanTheAffiliateQuota() throws Exception {
        api.option(root, "QuotaForInviter", String.valueOf(PER_UNIT));
        api.option(root, "QuotaForInvitee", "700");
        long inviter = api.register("inviter", "inviter-password", null);
        String affCode = jdbc.queryForObject("SELECT aff_code FROM cmd_user_directory WHERE user_id = ?",
                String.class, inviter);
        long invitee = 0;
        for (int i = 0; i < 3; i++) {
            invitee = api.register("invitee" + i, "invitee-password", affCode);
        }
        List<AffiliateQuotaCreditedEvent> rewards = events(eventStore, inviter, AffiliateQuotaCreditedEvent.class);
        assertThat(rewards).hasSize(3).last().satisfies(e -> {
            assertThat(e.affQuotaAfter()).isEqualTo(3 * PER_UNIT);
            assertThat(e.affCountAfter()).isEqualTo(3);
        });
        assertThat(events(eventStore, invitee, QuotaCreditedEvent.class))
                .singleElement().satisfies(e -> {
                    assertThat(e.source()).isEqualTo(CreditSource.INVITATION);
                    assertThat(e.amount()).isEqualTo(700);
                });
        String token = api.login("inviter", "inviter-password");
        assertThat(api.call("POST", "/api/user/aff_transfer", token, Map.of("quota", PER_UNIT - 1)).status())
                .as("below Veloera's minimum, one QuotaPerUnit").isEqualTo(400);

        List<AccountsClient.Reply> replies = race(() -> api.call("POST", "/api/user/aff_transfer", token,
                Map.of("quota", PER_UNIT)));

        assertThat(replies.stream().filter(AccountsClient.Reply::ok)).hasSize(3);
        assertThat(replies.stream().filter(r -> !r.ok()))
                .allSatisfy(r -> assertThat(r.code()).as(r.body().toString()).isEqualTo("insufficient_aff_quota"));
        List<AffQuotaTransferredEvent> debits = events(eventStore, inviter, AffQuotaTransferredEvent.class);
        assertThat(debits).hasSize(3).last().satisfies(e -> assertThat(e.affQuotaAfter()).isZero());
        List<QuotaCreditedEvent> credits = events(eventStore, inviter, QuotaCreditedEvent.class);
        assertThat(credits).hasSize(3).allSatisfy(e -> assertThat(e.source()).isEqualTo(CreditSource.AFFILIATE_TRANSFER));
        assertThat(credits.getLast().quotaAfter()).isEqualTo(3 * PER_UNIT);
    }

    private static List<AccountsClient.Reply> race(Callable<AccountsClient.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AccountsClient.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<AccountsClient.Reply> replies = new ArrayList<>();
            for (Future<AccountsClient.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
