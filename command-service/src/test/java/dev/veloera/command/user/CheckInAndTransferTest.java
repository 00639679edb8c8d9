package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.veloera.command.user.Refusals.refusedWith;

/** The daily check-in and the affiliate transfer of a {@link UserAccount}. */
class CheckInAndTransferTest {

    private static final String USER = "7";
    private static final Actor SELF = new Actor(7, Roles.COMMON);
    private static final Instant NOW = Instant.parse("2026-03-01T23:59:00Z");

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    private static UserRegisteredEvent registered(long quota) {
        return new UserRegisteredEvent(USER, "alice", "$2a$x", "Alice", Roles.COMMON, Status.ENABLED, "default",
                "aff12345", null, quota, NOW.getEpochSecond(), SELF);
    }

    private static QuotaCreditedEvent checkedIn(String day, long amount, long after) {
        return new QuotaCreditedEvent(USER, amount, after, CreditSource.CHECK_IN, day, "daily check-in",
                NOW.getEpochSecond(), SELF);
    }

    private static AffiliateQuotaCreditedEvent rewarded(long affQuotaAfter) {
        return new AffiliateQuotaCreditedEvent(USER, affQuotaAfter, affQuotaAfter, affQuotaAfter, 1,
                CreditSource.INVITER_REWARD, "8", NOW.getEpochSecond(), SELF);
    }

    @Test
    void canCheckInOnceADayCreditingTheDrawnAmount() {
        fixture.given(registered(100)).andGivenCurrentTime(NOW)
                .when(new CheckInCommand(USER, 1500, SELF))
                .expectEvents(checkedIn("2026-03-01", 1500, 1600));
    }

    @Test
    void cannotCheckInTwiceTheSameUtcDay() {
        fixture.given(registered(100), checkedIn("2026-03-01", 1500, 1600)).andGivenCurrentTime(NOW)
                .when(new CheckInCommand(USER, 1500, SELF))
                .expectNoEvents()
                .expectException(refusedWith("already_checked_in"));
    }

    @Test
    void canCheckInAgainTheNextUtcDay() {
        fixture.given(registered(100), checkedIn("2026-03-01", 1500, 1600))
                .andGivenCurrentTime(NOW.plusSeconds(120))
                .when(new CheckInCommand(USER, 1000, SELF))
                .expectEvents(new QuotaCreditedEvent(USER, 1000, 2600, CreditSource.CHECK_IN, "2026-03-02",
                        "daily check-in", NOW.plusSeconds(120).getEpochSecond(), SELF));
    }

    @Test
    void cannotCheckInWhenDisabledOrForNothing() {
        fixture.given(registered(100), new UserStatusChangedEvent(USER, Status.DISABLED, Status.ENABLED, Actor.SYSTEM))
                .when(new CheckInCommand(USER, 1500, SELF))
                .expectException(refusedWith("user_disabled"));
        fixture.given(registered(100))
                .when(new CheckInCommand(USER, 0, SELF))
                .expectException(refusedWith("invalid_request"));
    }

    @Test
    void canTransferAffiliateQuotaIntoQuota() {
        fixture.given(registered(100), rewarded(1_500_000)).andGivenCurrentTime(NOW)
                .when(new TransferAffQuotaCommand(USER, 500_000, 500_000, SELF))
                .expectEvents(new AffQuotaTransferredEvent(USER, 500_000, 1_000_000, NOW.getEpochSecond(), SELF),
                        new QuotaCreditedEvent(USER, 500_000, 500_100, CreditSource.AFFILIATE_TRANSFER, null,
                                "affiliate quota transferred", NOW.getEpochSecond(), SELF));
    }

    @Test
    void cannotTransferMoreThanTheAffiliateQuotaOrLessThanTheMinimum() {
        fixture.given(registered(100), rewarded(400_000))
                .when(new TransferAffQuotaCommand(USER, 500_000, 500_000, SELF))
                .expectException(refusedWith("insufficient_aff_quota"));
        fixture.given(registered(100), rewarded(1_500_000))
                .when(new TransferAffQuotaCommand(USER, 499_999, 500_000, SELF))
                .expectException(refusedWith("invalid_request"));
    }

    @Test
    void cannotTransferSomeoneElsesAffiliateQuota() {
        fixture.given(registered(100), rewarded(1_500_000))
                .when(new TransferAffQuotaCommand(USER, 500_000, 500_000, new Actor(8, Roles.COMMON)))
                .expectException(refusedWith("forbidden"));
    }
}
