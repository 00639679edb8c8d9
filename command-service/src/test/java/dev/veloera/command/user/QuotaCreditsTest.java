package dev.veloera.command.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AffiliateQuotaCreditedEvent;
import dev.veloera.contracts.user.CreditAffiliateQuotaCommand;
import dev.veloera.contracts.user.CreditQuotaCommand;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** Credits to a user's quota and affiliate quota: each carries the balance after it. */
class QuotaCreditsTest {

    private static final String USER = "7";
    private static final Actor SELF = new Actor(7, Roles.COMMON);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(USER, "alice", "hash", "Alice",
            Roles.COMMON, Status.ENABLED, "default", "aff12345", null, 100, NOW.getEpochSecond(), SELF);

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void aCreditAddsToTheQuotaAndCarriesTheQuotaAfterIt() {
        fixture.given(REGISTERED, new UserQuotaSetEvent(USER, 100, 250, new Actor(1, Roles.ROOT)))
                .andGivenCurrentTime(NOW)
                .when(new CreditQuotaCommand(USER, 500, CreditSource.REDEMPTION, "redemption-9", "code 9", SELF))
                .expectEvents(new QuotaCreditedEvent(USER, 500, 750, CreditSource.REDEMPTION, "redemption-9",
                        "code 9", NOW.getEpochSecond(), SELF));
    }

    @Test
    void theNextCreditStartsFromTheLastOne() {
        fixture.given(REGISTERED, new QuotaCreditedEvent(USER, 500, 600, CreditSource.TOP_UP, "T1", "",
                        NOW.getEpochSecond(), Actor.SYSTEM))
                .andGivenCurrentTime(NOW)
                .when(new CreditQuotaCommand(USER, 1, CreditSource.CHECK_IN, "2026-01-01", "", SELF))
                .expectEvents(new QuotaCreditedEvent(USER, 1, 601, CreditSource.CHECK_IN, "2026-01-01", "",
                        NOW.getEpochSecond(), SELF));
    }

    @Test
    void refusesACreditThatIsNotPositive() {
        fixture.given(REGISTERED)
                .when(new CreditQuotaCommand(USER, 0, CreditSource.TOP_UP, "T1", "", Actor.SYSTEM))
                .expectException(UserAccountException.class);
        fixture.given(REGISTERED)
                .when(new CreditQuotaCommand(USER, -5, CreditSource.TOP_UP, "T1", "", Actor.SYSTEM))
                .expectException(UserAccountException.class);
    }

    @Test
    void anAffiliateCreditAddsToAffQuotaAndHistoryAndCountsTheInvitee() {
        fixture.given(REGISTERED, new AffiliateQuotaCreditedEvent(USER, 30, 30, 30, 1, CreditSource.INVITER_REWARD,
                        "8", NOW.getEpochSecond(), Actor.SYSTEM))
                .andGivenCurrentTime(NOW)
                .when(new CreditAffiliateQuotaCommand(USER, 20, CreditSource.INVITER_REWARD, "9", true, Actor.SYSTEM))
                .expectEvents(new AffiliateQuotaCreditedEvent(USER, 20, 50, 50, 2, CreditSource.INVITER_REWARD, "9",
                        NOW.getEpochSecond(), Actor.SYSTEM));
    }

    @Test
    void aRebateDoesNotCountAnInvitee() {
        fixture.given(REGISTERED)
                .andGivenCurrentTime(NOW)
                .when(new CreditAffiliateQuotaCommand(USER, 12, CreditSource.REBATE, "T7", false, Actor.SYSTEM))
                .expectEvents(new AffiliateQuotaCreditedEvent(USER, 12, 12, 12, 0, CreditSource.REBATE, "T7",
                        NOW.getEpochSecond(), Actor.SYSTEM));
    }
}
