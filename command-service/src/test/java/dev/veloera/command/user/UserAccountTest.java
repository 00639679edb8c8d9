package dev.veloera.command.user;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.user.*;
import dev.veloera.contracts.usage.UsageRecorded;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.IgnoreField;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.veloera.command.user.Refusals.refusedWith;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.equalTo;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

class UserAccountTest {

    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("correct horse");
    private static final String USER = "7";
    private static final Actor SELF = new Actor(7, Roles.COMMON);
    private static final Actor ADMIN = new Actor(2, Roles.ADMIN);
    private static final Actor ROOT = new Actor(1, Roles.ROOT);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final long EXPIRES_AT = NOW.plus(TTL).toEpochMilli();
    private static final String TOKEN = "A".repeat(32);

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(ENCODER);
        fixture.registerInjectableResource(new ReservationPolicy(TTL));
    }

    private static UserRegisteredEvent registered(long quota) {
        return registered(quota, Roles.COMMON, Status.ENABLED);
    }

    private static UserRegisteredEvent registered(long quota, int role, int status) {
        return new UserRegisteredEvent(USER, "alice", HASH, "Alice", role, status, "default", "aff12345", null,
                quota, NOW.getEpochSecond(), SELF);
    }

    private static ApiTokenCreatedEvent token(long tokenId, long remain, boolean unlimited) {
        return new ApiTokenCreatedEvent(USER, tokenId, "t" + tokenId, "hash" + tokenId, "sk-abcd…wxyz",
                NOW.getEpochSecond(), -1, remain, unlimited, false, List.of(), "", "", SELF);
    }

    private static ApiTokenCreatedEvent limitedToModels(long tokenId, String... models) {
        return new ApiTokenCreatedEvent(USER, tokenId, "t", "h", "m", NOW.getEpochSecond(), -1, 1000, false, true,
                List.of(models), "", "", SELF);
    }

    private static ReserveQuotaCommand reserve(String id, long amount) {
        return new ReserveQuotaCommand(USER, 1, id, "gpt-4o", amount, Actor.SYSTEM);
    }

    private static QuotaReservedEvent reserved(String id, long amount, long userAfter, long tokenAfter) {
        return new QuotaReservedEvent(USER, 1, id, "gpt-4o", amount, userAfter, tokenAfter, EXPIRES_AT,
                "deadline-" + id, Actor.SYSTEM);
    }

    /** The expiry deadline's id is the deadline manager's to choose: the event is compared without it. */
    private static Matcher<List<Message<?>>> reservedMatching(String id, long amount, long userAfter,
                                                              long tokenAfter) {
        return payloadsMatching(exactSequenceOf(
                equalTo(reserved(id, amount, userAfter, tokenAfter),
                        new IgnoreField(QuotaReservedEvent.class, "expiryDeadlineId")),
                andNoMore()));
    }

    private static CreateApiTokenCommand createToken(Actor actor, long expiredTime, long remain) {
        return new CreateApiTokenCommand(USER, 5, "mine", "hash5", "sk-abcd…wxyz", expiredTime, remain, false, false,
                List.of(), "", "", actor);
    }

    // registration

    @Test
    void canRegister() {
        fixture.givenNoPriorActivity().andGivenCurrentTime(NOW)
                .when(new RegisterUserCommand(USER, "alice", HASH, "Alice", Roles.COMMON, "default", "aff12345", null,
                        0, SELF))
                .expectEvents(new UserRegisteredEvent(USER, "alice", HASH, "Alice", Roles.COMMON, Status.ENABLED,
                        "default", "aff12345", null, 0, NOW.getEpochSecond(), SELF));
    }

    @Test
    void cannotRegisterWithNegativeQuota() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "alice", HASH, null, Roles.COMMON, null, null, null, -1, SELF))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void cannotRegisterAnAdminAsACommonUser() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "alice", HASH, null, Roles.ADMIN, null, null, null, 0, SELF))
                .expectException(refusedWith("forbidden"));
    }

    // login and access tokens

    @Test
    void canLogInIssuingTheFirstAccessToken() {
        fixture.given(registered(0))
                .when(new LogInCommand(USER, "correct horse", TOKEN, SELF))
                .expectEvents(new AccessTokenIssuedEvent(USER, TOKEN, SELF))
                .expectResultMessagePayload(new LoginResult(7, "alice", Roles.COMMON, "default", TOKEN));
    }

    @Test
    void canLogInReusingTheCurrentAccessToken() {
        String current = "B".repeat(32);
        fixture.given(registered(0), new AccessTokenIssuedEvent(USER, current, SELF))
                .when(new LogInCommand(USER, "correct horse", TOKEN, SELF))
                .expectNoEvents()
                .expectResultMessagePayload(new LoginResult(7, "alice", Roles.COMMON, "default", current));
    }

    @Test
    void cannotLogInWithAWrongPassword() {
        fixture.given(registered(0))
                .when(new LogInCommand(USER, "wrong", TOKEN, SELF))
                .expectNoEvents()
                .expectException(refusedWith("unauthorized"));
    }

    @Test
    void cannotLogInWhenDisabled() {
        fixture.given(registered(0, Roles.COMMON, Status.DISABLED))
                .when(new LogInCommand(USER, "correct horse", TOKEN, SELF))
                .expectException(refusedWith(GatewayError.USER_DISABLED));
    }

    @Test
    void canIssueAnAccessToken() {
        fixture.given(registered(0))
                .when(new IssueAccessTokenCommand(USER, TOKEN, SELF))
                .expectEvents(new AccessTokenIssuedEvent(USER, TOKEN, SELF));
    }

    @Test
    void cannotIssueAMalformedAccessToken() {
        fixture.given(registered(0))
                .when(new IssueAccessTokenCommand(USER, "short", SELF))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    // quota set by admins

    @Test
    void canSetQuotaAsAdmin() {
        fixture.given(registered(10))
                .when(new SetUserQuotaCommand(USER, 5000, ADMIN))
                .expectEvents(new UserQuotaSetEvent(USER, 10, 5000, ADMIN));
    }

    @Test
    void cannotSetQuotaAsCommonUser() {
        fixture.given(registered(10))
                .when(new SetUserQuotaCommand(USER, 5000, SELF))
                .expectNoEvents()
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotSetNegativeQuota() {
        fixture.given(registered(10))
                .when(new SetUserQuotaCommand(USER, -1, ADMIN))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void cannotSetQuotaOfAUserWithTheActorsOwnRole() {
        fixture.given(registered(10, Roles.ADMIN, Status.ENABLED))
                .when(new SetUserQuotaCommand(USER, 5000, ADMIN))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void canSetQuotaOfAnAdminAsRoot() {
        fixture.given(registered(10, Roles.ADMIN, Status.ENABLED))
                .when(new SetUserQuotaCommand(USER, 5000, ROOT))
                .expectEvents(new UserQuotaSetEvent(USER, 10, 5000, ROOT));
    }

    // API tokens

    @Test
    void canCreateAnApiToken() {
        fixture.given(registered(0)).andGivenCurrentTime(NOW)
                .when(createToken(SELF, -1, 100))
                .expectEvents(new ApiTokenCreatedEvent(USER, 5, "mine", "hash5", "sk-abcd…wxyz", NOW.getEpochSecond(),
                        -1, 100, false, false, List.of(), "", "", SELF));
    }

    @Test
    void cannotCreateAnApiTokenForAnotherUser() {
        fixture.given(registered(0))
                .when(createToken(new Actor(8, Roles.COMMON), -1, 100))
                .expectException(refusedWith("forbidden"));
    }

    @Test
    void cannotCreateAnAlreadyExpiredApiToken() {
        fixture.given(registered(0)).andGivenCurrentTime(NOW)
                .when(createToken(SELF, NOW.getEpochSecond() - 1, 100))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void cannotCreateAnApiTokenWithNegativeQuota() {
        fixture.given(registered(0))
                .when(createToken(SELF, -1, -5))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    // reservations

    @Test
    void canReserveFromUserAndTokenAtOnce() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .when(reserve("r1", 100))
                .expectEventsMatching(reservedMatching("r1", 100, 900, 200))
                .expectResultMessagePayload(new ReserveQuotaResponse("r1", 100, EXPIRES_AT))
                .expectScheduledDeadline(TTL, new ReservationExpiry("r1"));
    }

    @Test
    void canRecordTheExpiryDeadlineWithTheReservation() {
        AtomicReference<String> recorded = new AtomicReference<>();
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .when(reserve("r1", 100))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        Matchers.<QuotaReservedEvent>predicate(e -> {
                            recorded.set(e.expiryDeadlineId());
                            return e.expiryDeadlineId() != null;
                        }),
                        andNoMore())))
                .expectScheduledDeadlineMatching(TTL,
                        Matchers.<DeadlineMessage<?>>predicate(m -> m.getIdentifier().equals(recorded.get())));
    }

    @Test
    void canRepeatAReservationAsANoOp() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .andGivenCurrentTime(NOW)
                .when(reserve("r1", 100))
                .expectNoEvents()
                .expectResultMessagePayload(new ReserveQuotaResponse("r1", 100, EXPIRES_AT));
    }

    @Test
    void cannotReserveWhenTheUserIsDisabled() {
        fixture.given(registered(1000, Roles.COMMON, Status.DISABLED), token(1, 300, false))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.USER_DISABLED));
    }

    @Test
    void cannotReserveWithAnUnknownToken() {
        fixture.given(registered(1000))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.INVALID_API_KEY));
    }

    @Test
    void cannotReserveWithAnExpiredToken() {
        ApiTokenCreatedEvent expiring = new ApiTokenCreatedEvent(USER, 1, "t", "h", "m", NOW.getEpochSecond(),
                NOW.getEpochSecond() + 60, 1000, false, false, List.of(), "", "", SELF);
        fixture.given(registered(1000), expiring).andGivenCurrentTime(NOW.plusSeconds(61))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.INVALID_API_KEY));
    }

    @Test
    void cannotReserveAModelOutsideTheTokensLimits() {
        fixture.given(registered(1000), limitedToModels(1, "gpt-4o-mini"))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.MODEL_NOT_ALLOWED));
    }

    @Test
    void canReserveAModelInsideTheTokensLimits() {
        fixture.given(registered(1000), limitedToModels(1, "gpt-4o-mini", "gpt-4o")).andGivenCurrentTime(NOW)
                .when(reserve("r1", 100))
                .expectEventsMatching(reservedMatching("r1", 100, 900, 900));
    }

    @Test
    void cannotReserveMoreThanTheUsersQuota() {
        fixture.given(registered(99), token(1, 300, false))
                .when(reserve("r1", 100))
                .expectNoEvents()
                .expectException(refusedWith(GatewayError.INSUFFICIENT_USER_QUOTA));
    }

    @Test
    void cannotReserveMoreThanTheTokensRemainingQuota() {
        fixture.given(registered(1000), token(1, 99, false))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.TOKEN_QUOTA_EXHAUSTED));
    }

    @Test
    void canReserveBeyondTheTokensRemainingQuotaWhenUnlimited() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .when(reserve("r1", 100))
                .expectEventsMatching(reservedMatching("r1", 100, 900, -100));
    }

    @Test
    void cannotReserveANegativeAmount() {
        fixture.given(registered(1000), token(1, 300, false))
                .when(reserve("r1", -1))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    // settlement

    private static SettleReservationCommand settle(String id, long actual, String status) {
        return new SettleReservationCommand(USER, id, 1, actual, status, Actor.SYSTEM);
    }

    private static ReservationSettledEvent settled(String id, long reserved, long charged, long unbilled, boolean late,
                                                   long userAfter, long tokenRemainAfter, long tokenUsedAfter,
                                                   long usedAfter, long requestCountAfter) {
        return new ReservationSettledEvent(USER, 1, id, reserved, charged, unbilled, late, userAfter, tokenRemainAfter,
                tokenUsedAfter, usedAfter, requestCountAfter, Actor.SYSTEM);
    }

    @Test
    void canSettleChargingTheActualCostAndReleasingTheRest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle("r1", 40, UsageRecorded.SUCCESS))
                .expectEvents(settled("r1", 100, 40, 0, false, 960, 260, 40, 40, 1));
    }

    @Test
    void canSettleTheSameReservationTwiceChargingOnce() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        settled("r1", 100, 40, 0, false, 960, 260, 40, 40, 1))
                .when(settle("r1", 40, UsageRecorded.SUCCESS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canSettleAboveTheReservationWithoutGoingBelowZero() {
        fixture.given(registered(150), token(1, 1000, false), reserved("r1", 100, 50, 900))
                .when(settle("r1", 200, UsageRecorded.SUCCESS))
                .expectEvents(settled("r1", 100, 150, 50, false, 0, 850, 150, 150, 1));
    }

    @Test
    void canSettleAFailedRequestWithoutChargingOrCountingIt() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle("r1", 42, UsageRecorded.FAILED))
                .expectEvents(settled("r1", 100, 0, 0, false, 1000, 300, 0, 0, 0));
    }

    @Test
    void canCountAFreeRequest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle("r1", 0, UsageRecorded.SUCCESS))
                .expectEvents(settled("r1", 100, 0, 0, false, 1000, 300, 0, 0, 1));
    }

    @Test
    void canBillAndCountAClientAbortedRequest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle("r1", 30, UsageRecorded.CLIENT_ABORTED))
                .expectEvents(settled("r1", 100, 30, 0, false, 970, 270, 30, 30, 1));
    }

    @Test
    void canCarryTheTokensUsedQuotaAcrossSettlements() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        settled("r1", 100, 40, 0, false, 960, 260, 40, 40, 1), reserved("r2", 100, 860, 160))
                .when(settle("r2", 25, UsageRecorded.SUCCESS))
                .expectEvents(settled("r2", 100, 25, 0, false, 935, 235, 65, 65, 2));
    }

    @Test
    void cannotSettleWithAnUnknownStatus() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle("r1", 40, "maybe"))
                .expectNoEvents()
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void canSettleLateAfterExpiry() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationExpiredEvent(USER, 1, "r1", 100, 1000, 300, Actor.SYSTEM))
                .when(settle("r1", 40, UsageRecorded.SUCCESS))
                .expectEvents(settled("r1", 0, 40, 0, true, 960, 260, 40, 40, 1));
    }

    @Test
    void canIgnoreASecondLateSettlement() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationExpiredEvent(USER, 1, "r1", 100, 1000, 300, Actor.SYSTEM),
                        settled("r1", 0, 40, 0, true, 960, 260, 40, 40, 1))
                .when(settle("r1", 40, UsageRecorded.SUCCESS))
                .expectNoEvents();
    }

    @Test
    void canIgnoreASettlementOfAnUnknownReservation() {
        fixture.given(registered(1000), token(1, 300, false))
                .when(settle("nope", 40, UsageRecorded.SUCCESS))
                .expectNoEvents();
    }

    // expiry

    @Test
    void canReleaseAnUnsettledReservationAtItsDeadline() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectDeadlinesMet(new ReservationExpiry("r1"))
                .expectEvents(new ReservationExpiredEvent(USER, 1, "r1", 100, 1000, 300, Actor.SYSTEM));
    }

    @Test
    void canCancelTheExpiryDeadlineWhenSettling() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100), reserve("r2", 100))
                .when(settle("r1", 40, UsageRecorded.SUCCESS))
                .expectNoScheduledDeadline(TTL, new ReservationExpiry("r1"))
                .expectScheduledDeadline(TTL, new ReservationExpiry("r2"));
    }

    @Test
    void canCancelTheExpiryDeadlineWhenSettlingAFailedRequest() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100))
                .when(settle("r1", 0, UsageRecorded.FAILED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canLetNoDeadlineFireForASettledReservation() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100), settle("r1", 40, UsageRecorded.SUCCESS))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectDeadlinesMet()
                .expectNoEvents();
    }

    @Test
    void cannotReserveAgainWithAnExpiredReservationId() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationExpiredEvent(USER, 1, "r1", 100, 1000, 300, Actor.SYSTEM))
                .when(reserve("r1", 100))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }
}
