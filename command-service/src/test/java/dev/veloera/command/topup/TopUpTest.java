package dev.veloera.command.topup;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.topup.ConfirmTopUpPaymentCommand;
import dev.veloera.contracts.topup.PlaceTopUpOrderCommand;
import dev.veloera.contracts.topup.TopUpCancelledEvent;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopUpTest {

    private static final String ID = "topup-1";
    private static final Actor USER = new Actor(5, Roles.COMMON);
    private static final BigDecimal MONEY = new BigDecimal("7.30");

    private AggregateTestFixture<TopUp> fixture;
    private long now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TopUp.class);
        now = fixture.currentTime().getEpochSecond();
    }

    private TopUpOrderPlacedEvent placed() {
        return new TopUpOrderPlacedEvent(ID, 5, "USR5NOx", 1, MONEY, 500_000, "alipay", now,
                fixture.currentTime().plus(Duration.ofHours(1)).toEpochMilli(), "deadline-1", USER);
    }

    @Test
    void canPlaceAnOrderWithItsExpiryDeadline() {
        long expiresAt = fixture.currentTime().plus(Duration.ofHours(1)).toEpochMilli();
        fixture.givenNoPriorActivity()
                .when(new PlaceTopUpOrderCommand(ID, 5, "USR5NOx", 1, MONEY, 500_000, "alipay", expiresAt, USER))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadline(java.time.Instant.ofEpochMilli(expiresAt), new TopUpExpiry(ID));
    }

    @Test
    void cannotPlaceAnOrderForSomeoneElse() {
        fixture.givenNoPriorActivity()
                .when(new PlaceTopUpOrderCommand(ID, 6, "USR6NOx", 1, MONEY, 500_000, "alipay", 0, USER))
                .expectException(TopUpException.class);
    }

    @Test
    void canPayAPendingOrderOnce() {
        fixture.given(placed())
                .when(new ConfirmTopUpPaymentCommand(ID, new BigDecimal("7.3"), "p-1", Actor.SYSTEM))
                .expectEvents(new TopUpPaidEvent(ID, 5, "USR5NOx", 500_000, MONEY, "p-1", now, Actor.SYSTEM))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(TopUpPaidEvent.class));
    }

    @Test
    void aRepeatedPaymentIsANoOp() {
        fixture.given(placed(), new TopUpPaidEvent(ID, 5, "USR5NOx", 500_000, MONEY, "p-1", now, Actor.SYSTEM))
                .when(new ConfirmTopUpPaymentCommand(ID, MONEY, "p-1", Actor.SYSTEM))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void cannotPayAnotherAmount() {
        fixture.given(placed())
                .when(new ConfirmTopUpPaymentCommand(ID, new BigDecimal("0.01"), "p-1", Actor.SYSTEM))
                .expectException(TopUpException.class);
    }

    @Test
    void cannotPayACancelledOrder() {
        fixture.given(placed(), new TopUpCancelledEvent(ID, 5, "USR5NOx", "expired", now, Actor.SYSTEM))
                .when(new ConfirmTopUpPaymentCommand(ID, MONEY, "p-1", Actor.SYSTEM))
                .expectException(TopUpException.class);
    }

    @Test
    void anUnpaidOrderIsCancelledAtItsDeadline() {
        fixture.givenCommands(new PlaceTopUpOrderCommand(ID, 5, "USR5NOx", 1, MONEY, 500_000, "alipay",
                        fixture.currentTime().plus(Duration.ofHours(1)).toEpochMilli(), USER))
                .whenTimeElapses(Duration.ofHours(1))
                .expectDeadlinesMet(new TopUpExpiry(ID))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(
                        event -> event instanceof TopUpCancelledEvent cancelled && cancelled.reason().equals("expired")
                                && cancelled.tradeNo().equals("USR5NOx") && cancelled.actor().isSystem()),
                        Matchers.andNoMore())));
    }

    /** go-epay's own test vector ({@code epay/util_test.go}): sign and sign_type and empty values are left out. */
    @Test
    void signsAsGoEpaySigns() {
        Map<String, String> params = new java.util.HashMap<>(Map.of("money", "moneyv", "device", "devicev",
                "sign", "x", "sign_type", "MD5", "empty", ""));
        assertThat(EpaySignature.sign(params, "1234567")).isEqualTo("3854cc9f022e0fb821bd2e002260245d");
        params.put("sign", "3854cc9f022e0fb821bd2e002260245d");
        assertThat(EpaySignature.verify(params, "1234567")).isTrue();
        assertThat(EpaySignature.verify(params, "other")).isFalse();
    }
}
