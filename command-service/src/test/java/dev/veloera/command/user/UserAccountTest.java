package dev.veloera.command.user;

import dev.veloera.command.option.CommandOptions;
import dev.veloera.contracts.option.SystemOptions;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.lease.*;
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
    private static final Duration LEASE_TTL = Duration.ofMinutes(2);
    private static final long LEASE_EXPIRES_AT = NOW.plus(LEASE_TTL).toEpochMilli();
    private static final String TOKEN = "A".repeat(32);

    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(ENCODER);
        fixture.registerInjectableResource(new ReservationPolicy(TTL));
        fixture.registerInjectableResource(new LeasePolicy(LEASE_TTL));
        fixture.registerInjectableResource(new TokenGroups(new CommandOptions(null) {
            @Override
            public String value(String key) {
                return SystemOptions.definition(key).orElseThrow().defaultValue();
            }
        }));
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
    void canLogInIssuingAnAccessTokenKeptOnlyAsItsHash() {
        fixture.given(registered(0))
                .when(new LogInCommand(USER, "correct horse", TOKEN, SELF))
                .expectEvents(new AccessTokenReplacedEvent(USER, AccessTokenHash.of(TOKEN), SELF))
                .expectResultMessagePayload(new LoginResult(7, "alice", Roles.COMMON, "default", TOKEN));
    }

    @Test
    void canLogInAgainReplacingTheTokenIssuedBefore() {
        String before = "B".repeat(32);
        fixture.given(registered(0), new AccessTokenIssuedEvent(USER, before, SELF))
                .when(new LogInCommand(USER, "correct horse", TOKEN, SELF))
                .expectEvents(new AccessTokenReplacedEvent(USER, AccessTokenHash.of(TOKEN), SELF))
                .expectResultMessagePayload(new LoginResult(7, "alice", Roles.COMMON, "default", TOKEN));
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
                .expectEvents(new AccessTokenReplacedEvent(USER, AccessTokenHash.of(TOKEN), SELF));
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

    @Test
    void cannotReserveWhatLeasesHold() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 950, 950, 950))
                .when(reserve("r1", 100))
                .expectNoEvents()
                .expectException(refusedWith(GatewayError.INSUFFICIENT_USER_QUOTA));
    }

    // settlement (the per-request path's reservations, settled by SettleUsageCommand)

    private static SettleUsageCommand settle(long offset, String id, long actual, String status) {
        return new SettleUsageCommand(USER, 0, List.of(new UsageCharge(id, id, 1, actual, status, offset)),
                Actor.SYSTEM);
    }

    private static SettleUsageCommand settleAll(UsageCharge... charges) {
        return new SettleUsageCommand(USER, 0, List.of(charges), Actor.SYSTEM);
    }

    private static UsageCharge charge(long offset, String requestId, String leaseId, long actual) {
        return new UsageCharge(requestId, leaseId, 1, actual, UsageRecorded.SUCCESS, offset);
    }

    /** One record's settlement on token 1, with the balances after it. */
    private static UsageSettledEvent settled(long offset, String id, long charged, String status, long released,
                                             long userAfter, long tokenRemainAfter, long tokenUsedAfter,
                                             long usedAfter, long requestCountAfter) {
        return new UsageSettledEvent(USER, 0, offset, List.of(new SettledUsage(id, id, 1, charged, status, released)),
                userAfter, usedAfter, requestCountAfter, List.of(new TokenBalance(1, tokenRemainAfter, tokenUsedAfter)),
                List.of(), Actor.SYSTEM);
    }

    @Test
    void canSettleChargingTheActualCostAndReleasingTheRest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle(0, "r1", 40, UsageRecorded.SUCCESS))
                .expectEvents(settled(0, "r1", 40, UsageRecorded.SUCCESS, 100, 960, 260, 40, 40, 1));
    }

    @Test
    void canSettleTheSameRecordTwiceChargingOnce() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        settled(0, "r1", 40, UsageRecorded.SUCCESS, 100, 960, 260, 40, 40, 1))
                .when(settle(0, "r1", 40, UsageRecorded.SUCCESS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canSettleARecordResentAtANewOffsetChargingOnce() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        settled(0, "r1", 40, UsageRecorded.SUCCESS, 100, 960, 260, 40, 40, 1))
                .when(settle(7, "r1", 40, UsageRecorded.SUCCESS))
                .expectNoEvents();
    }

    @Test
    void canSkipEveryRecordAtOrBelowThePartitionsSettledOffset() {
        fixture.given(registered(1000), token(1, 300, false),
                        settled(5, "a", 10, UsageRecorded.SUCCESS, 0, 990, 290, 10, 10, 1))
                .when(settleAll(charge(3, "x", null, 10), charge(5, "y", null, 10), charge(6, "z", null, 10)))
                .expectEvents(new UsageSettledEvent(USER, 0, 6, List.of(
                        new SettledUsage("z", null, 1, 10, UsageRecorded.SUCCESS, 0)), 980, 20, 2,
                        List.of(new TokenBalance(1, 280, 20)), List.of(), Actor.SYSTEM));
    }

    @Test
    void canChargeARequestNamedTwiceInOneBatchOnce() {
        fixture.given(registered(1000), token(1, 300, false))
                .when(settleAll(charge(1, "x", null, 10), charge(2, "x", null, 10)))
                .expectEvents(new UsageSettledEvent(USER, 0, 2, List.of(
                        new SettledUsage("x", null, 1, 10, UsageRecorded.SUCCESS, 0)), 990, 10, 1,
                        List.of(new TokenBalance(1, 290, 10)), List.of(), Actor.SYSTEM));
    }

    @Test
    void canSettleAboveTheReservationChargingInFull() {
        fixture.given(registered(150), token(1, 1000, false), reserved("r1", 100, 50, 900))
                .when(settle(0, "r1", 200, UsageRecorded.SUCCESS))
                .expectEvents(settled(0, "r1", 200, UsageRecorded.SUCCESS, 100, -50, 800, 200, 200, 1));
    }

    @Test
    void canSettleAFailedRequestWithoutChargingOrCountingIt() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle(0, "r1", 42, UsageRecorded.FAILED))
                .expectEvents(settled(0, "r1", 0, UsageRecorded.FAILED, 100, 1000, 300, 0, 0, 0));
    }

    @Test
    void canCountAFreeRequest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle(0, "r1", 0, UsageRecorded.SUCCESS))
                .expectEvents(settled(0, "r1", 0, UsageRecorded.SUCCESS, 100, 1000, 300, 0, 0, 1));
    }

    @Test
    void canBillAndCountAClientAbortedRequest() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle(0, "r1", 30, UsageRecorded.CLIENT_ABORTED))
                .expectEvents(settled(0, "r1", 30, UsageRecorded.CLIENT_ABORTED, 100, 970, 270, 30, 30, 1));
    }

    @Test
    void canCarryTheTokensUsedQuotaAcrossSettlements() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        settled(0, "r1", 40, UsageRecorded.SUCCESS, 100, 960, 260, 40, 40, 1),
                        reserved("r2", 100, 860, 160))
                .when(settle(1, "r2", 25, UsageRecorded.SUCCESS))
                .expectEvents(settled(1, "r2", 25, UsageRecorded.SUCCESS, 100, 935, 235, 65, 65, 2));
    }

    @Test
    void canCarryBalancesOfOldReservationSettlements() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationSettledEvent(USER, 1, "r1", 100, 40, 0, false, 960, 260, 40, 40, 1,
                                Actor.SYSTEM), reserved("r2", 100, 860, 160))
                .when(settle(9, "r2", 25, UsageRecorded.SUCCESS))
                .expectEvents(settled(9, "r2", 25, UsageRecorded.SUCCESS, 100, 935, 235, 65, 65, 2));
    }

    @Test
    void canSkipARecordWhoseReservationWasSettledTheOldWay() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationSettledEvent(USER, 1, "r1", 100, 40, 0, false, 960, 260, 40, 40, 1,
                                Actor.SYSTEM))
                .when(settle(0, "r1", 40, UsageRecorded.SUCCESS))
                .expectNoEvents();
    }

    @Test
    void cannotSettleWithAnUnknownStatus() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200))
                .when(settle(0, "r1", 40, "maybe"))
                .expectNoEvents()
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void canSettleLateAfterExpiry() {
        fixture.given(registered(1000), token(1, 300, false), reserved("r1", 100, 900, 200),
                        new ReservationExpiredEvent(USER, 1, "r1", 100, 1000, 300, Actor.SYSTEM))
                .when(settle(0, "r1", 40, UsageRecorded.SUCCESS))
                .expectEvents(settled(0, "r1", 40, UsageRecorded.SUCCESS, 0, 960, 260, 40, 40, 1));
    }

    @Test
    void canChargeUsageThatNamesNoHoldInFull() {
        fixture.given(registered(1000), token(1, 300, false))
                .when(settle(0, "nope", 40, UsageRecorded.SUCCESS))
                .expectEvents(settled(0, "nope", 40, UsageRecorded.SUCCESS, 0, 960, 260, 40, 40, 1));
    }

    // reservation expiry

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
                .when(settle(0, "r1", 40, UsageRecorded.SUCCESS))
                .expectNoScheduledDeadline(TTL, new ReservationExpiry("r1"))
                .expectScheduledDeadline(TTL, new ReservationExpiry("r2"));
    }

    @Test
    void canCancelTheExpiryDeadlineWhenSettlingAFailedRequest() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100))
                .when(settle(0, "r1", 0, UsageRecorded.FAILED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canLetNoDeadlineFireForASettledReservation() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .andGivenCommands(reserve("r1", 100), settle(0, "r1", 40, UsageRecorded.SUCCESS))
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

    // quota leases

    private static GrantQuotaLeaseCommand lease(String id, long minimum, long wanted) {
        return new GrantQuotaLeaseCommand(USER, 1, id, "relay-a", minimum, wanted, Actor.SYSTEM);
    }

    private static QuotaLeaseGrantedEvent granted(String id, long amount, long userHeld, long tokenHeld) {
        return new QuotaLeaseGrantedEvent(USER, 1, id, "relay-a", amount, userHeld, tokenHeld, LEASE_EXPIRES_AT,
                "deadline-" + id, Actor.SYSTEM);
    }

    private static ReturnQuotaLeaseCommand handBack(String id, long consumed) {
        return new ReturnQuotaLeaseCommand(USER, id, consumed, Actor.SYSTEM);
    }

    /** The expiry deadline's id is the deadline manager's to choose: the event is compared without it. */
    private static Matcher<List<Message<?>>> grantedMatching(String id, long amount, long userHeld, long tokenHeld) {
        return payloadsMatching(exactSequenceOf(
                equalTo(granted(id, amount, userHeld, tokenHeld),
                        new IgnoreField(QuotaLeaseGrantedEvent.class, "expiryDeadlineId")),
                andNoMore()));
    }

    @Test
    void canGrantALeaseCappedAtHalfOfWhatTheTokenHasAvailable() {
        fixture.given(registered(1000), token(1, 300, false)).andGivenCurrentTime(NOW)
                .when(lease("l1", 50, 400))
                .expectEventsMatching(grantedMatching("l1", 150, 150, 150))
                .expectResultMessagePayload(new LeaseGrant("l1", 150, LEASE_EXPIRES_AT))
                .expectScheduledDeadline(LEASE_TTL, new LeaseExpiry("l1"));
    }

    @Test
    void canGrantALeaseCappedAtHalfOfWhatTheUserHasAvailable() {
        fixture.given(registered(1001), token(1, 0, true)).andGivenCurrentTime(NOW)
                .when(lease("l1", 50, 5000))
                .expectEventsMatching(grantedMatching("l1", 501, 501, 501));
    }

    @Test
    void canGrantWhatIsWantedBelowTheCap() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .when(lease("l1", 50, 200))
                .expectEventsMatching(grantedMatching("l1", 200, 200, 200));
    }

    @Test
    void canGrantTheMinimumAboveTheCap() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .when(lease("l1", 800, 800))
                .expectEventsMatching(grantedMatching("l1", 800, 800, 800));
    }

    @Test
    void canGrantOnlyFromWhatOtherLeasesLeaveAvailable() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 500, 500, 500)).andGivenCurrentTime(NOW)
                .when(lease("l2", 100, 1000))
                .expectEventsMatching(grantedMatching("l2", 250, 750, 750));
    }

    @Test
    void canRepeatAGrantAsANoOp() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 500, 500, 500)).andGivenCurrentTime(NOW)
                .when(lease("l1", 100, 1000))
                .expectNoEvents()
                .expectResultMessagePayload(new LeaseGrant("l1", 500, LEASE_EXPIRES_AT));
    }

    @Test
    void cannotGrantBelowTheMinimum() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 950, 950, 950))
                .when(lease("l2", 100, 100))
                .expectNoEvents()
                .expectException(refusedWith(GatewayError.INSUFFICIENT_USER_QUOTA));
    }

    @Test
    void cannotGrantAtZero() {
        fixture.given(registered(0), token(1, 0, true))
                .when(lease("l1", 0, 100))
                .expectException(refusedWith(GatewayError.INSUFFICIENT_USER_QUOTA));
    }

    @Test
    void cannotGrantBelowZero() {
        fixture.given(registered(100), token(1, 0, true),
                        settled(0, "a", 130, UsageRecorded.SUCCESS, 0, -30, -130, 130, 130, 1))
                .when(lease("l1", 0, 100))
                .expectException(refusedWith(GatewayError.INSUFFICIENT_USER_QUOTA));
    }

    @Test
    void cannotGrantBeyondTheTokensAvailableQuota() {
        fixture.given(registered(1000), token(1, 99, false))
                .when(lease("l1", 100, 100))
                .expectException(refusedWith(GatewayError.TOKEN_QUOTA_EXHAUSTED));
    }

    @Test
    void cannotGrantWhenTheUserIsDisabled() {
        fixture.given(registered(1000, Roles.COMMON, Status.DISABLED), token(1, 300, false))
                .when(lease("l1", 1, 100))
                .expectException(refusedWith(GatewayError.USER_DISABLED));
    }

    @Test
    void cannotGrantWithAnUnknownToken() {
        fixture.given(registered(1000))
                .when(lease("l1", 1, 100))
                .expectException(refusedWith(GatewayError.INVALID_API_KEY));
    }

    @Test
    void cannotGrantWithAnExpiredToken() {
        ApiTokenCreatedEvent expiring = new ApiTokenCreatedEvent(USER, 1, "t", "h", "m", NOW.getEpochSecond(),
                NOW.getEpochSecond() + 60, 1000, false, false, List.of(), "", "", SELF);
        fixture.given(registered(1000), expiring).andGivenCurrentTime(NOW.plusSeconds(61))
                .when(lease("l1", 1, 100))
                .expectException(refusedWith(GatewayError.INVALID_API_KEY));
    }

    @Test
    void canGrantOnATokenLimitedToModels() {
        fixture.given(registered(1000), limitedToModels(1, "gpt-4o")).andGivenCurrentTime(NOW)
                .when(lease("l1", 1, 100))
                .expectEventsMatching(grantedMatching("l1", 100, 100, 100));
    }

    @Test
    void cannotReopenAnExpiredLease() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 500, 500, 500),
                        new QuotaLeaseExpiredEvent(USER, 1, "l1", 500, 0, 0, Actor.SYSTEM))
                .when(lease("l1", 100, 100))
                .expectException(refusedWith(GatewayError.INVALID_REQUEST));
    }

    @Test
    void canReturnALeaseHoldingOnlyWhatIsNotSettledYet() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 500), settleAll(charge(0, "q1", "l1", 50)))
                .when(handBack("l1", 120))
                .expectEvents(new QuotaLeaseReturnedEvent(USER, 1, "l1", 120, 50, 70, false, 70, 70, Actor.SYSTEM))
                .expectScheduledDeadline(LEASE_TTL, new LeaseExpiry("l1"));
    }

    @Test
    void canCloseALeaseReturnedAfterItsSettlements() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 500), settleAll(charge(0, "q1", "l1", 50)))
                .when(handBack("l1", 50))
                .expectEvents(new QuotaLeaseReturnedEvent(USER, 1, "l1", 50, 50, 0, true, 0, 0, Actor.SYSTEM))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canCloseALeaseWhenItsLastSettlementArrives() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 500), handBack("l1", 80))
                .when(settleAll(charge(0, "q1", "l1", 30), charge(1, "q2", "l1", 50)))
                .expectEvents(new UsageSettledEvent(USER, 0, 1, List.of(
                                new SettledUsage("q1", "l1", 1, 30, UsageRecorded.SUCCESS, 0),
                                new SettledUsage("q2", "l1", 1, 50, UsageRecorded.SUCCESS, 0)), 920, 80, 2,
                        List.of(new TokenBalance(1, -80, 80)), List.of("l1"), Actor.SYSTEM))
                .expectNoScheduledDeadlines();
    }

    @Test
    void canNeverHoldMoreOnReturnThanTheLeaseHeld() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 100, 100, 100))
                .when(handBack("l1", 400))
                .expectEvents(new QuotaLeaseReturnedEvent(USER, 1, "l1", 400, 0, 100, false, 100, 100, Actor.SYSTEM));
    }

    @Test
    void canIgnoreASecondReturn() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 500, 500, 500),
                        new QuotaLeaseReturnedEvent(USER, 1, "l1", 120, 0, 120, false, 120, 120, Actor.SYSTEM))
                .when(handBack("l1", 0))
                .expectNoEvents();
    }

    @Test
    void canIgnoreTheReturnOfAnUnknownLease() {
        fixture.given(registered(1000), token(1, 0, true))
                .when(handBack("nope", 10))
                .expectNoEvents();
    }

    @Test
    void canChargeLeaseUsageInFullShrinkingTheHold() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 300, 300, 300)).andGivenCurrentTime(NOW)
                .andGivenCommands(settleAll(charge(0, "q1", "l1", 100), charge(1, "q2", "l1", 250)))
                .when(lease("l2", 1, 10_000))
                .expectEventsMatching(grantedMatching("l2", 325, 325, 325));
    }

    @Test
    void canGoBelowZeroOnlyByWhatUsageCostBeyondTheLease() {
        fixture.given(registered(100), token(1, 0, true), granted("l1", 100, 100, 100))
                .when(settleAll(charge(0, "q1", "l1", 60), charge(1, "q2", "l1", 70)))
                .expectEvents(new UsageSettledEvent(USER, 0, 1, List.of(
                                new SettledUsage("q1", "l1", 1, 60, UsageRecorded.SUCCESS, 0),
                                new SettledUsage("q2", "l1", 1, 70, UsageRecorded.SUCCESS, 0)), -30, 130, 2,
                        List.of(new TokenBalance(1, -130, 130)), List.of(), Actor.SYSTEM));
    }

    @Test
    void canReleaseALeaseAtItsDeadline() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 400))
                .whenTimeElapses(LEASE_TTL.plusSeconds(1))
                .expectDeadlinesMet(new LeaseExpiry("l1"))
                .expectEvents(new QuotaLeaseExpiredEvent(USER, 1, "l1", 400, 0, 0, Actor.SYSTEM));
    }

    @Test
    void canReleaseAReturnedLeaseWhoseSettlementsNeverArrive() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 400), handBack("l1", 150))
                .whenTimeElapses(LEASE_TTL.plusSeconds(1))
                .expectEvents(new QuotaLeaseExpiredEvent(USER, 1, "l1", 150, 0, 0, Actor.SYSTEM));
    }

    @Test
    void canLetNoDeadlineFireForAClosedLease() {
        fixture.given(registered(1000), token(1, 0, true)).andGivenCurrentTime(NOW)
                .andGivenCommands(lease("l1", 100, 400), handBack("l1", 0))
                .whenTimeElapses(LEASE_TTL.plusSeconds(1))
                .expectDeadlinesMet()
                .expectNoEvents();
    }

    @Test
    void canChargeUsageOfAnExpiredLeaseInFull() {
        fixture.given(registered(1000), token(1, 0, true), granted("l1", 400, 400, 400),
                        new QuotaLeaseExpiredEvent(USER, 1, "l1", 400, 0, 0, Actor.SYSTEM))
                .when(settleAll(charge(0, "q1", "l1", 90)))
                .expectEvents(new UsageSettledEvent(USER, 0, 0, List.of(
                                new SettledUsage("q1", "l1", 1, 90, UsageRecorded.SUCCESS, 0)), 910, 90, 1,
                        List.of(new TokenBalance(1, -90, 90)), List.of(), Actor.SYSTEM));
    }
}
