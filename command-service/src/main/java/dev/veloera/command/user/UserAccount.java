package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.user.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's account and API tokens: the quota invariants ({@code quota >= 0}, a limited token's
 * {@code remain_quota >= 0}) hold because every change is decided here, one command at a time per
 * account, and two writers racing collide on the event store's (aggregate, sequence) key.
 * State is only what decisions need; it serializes with Jackson for snapshots.
 */
@Aggregate(snapshotTriggerDefinition = "userAccountSnapshotTrigger", cache = "userAccountCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserAccount {

    static final String RESERVATION_EXPIRY = "reservation-expiry";
    /** Expired reservation ids remembered so that one late settlement still bills, and only once. */
    static final int RECENTLY_EXPIRED_LIMIT = 1000;

    @AggregateIdentifier
    private String userId;
    private String username;
    private String passwordHash;
    private int role;
    private int status;
    private String group;
    private String accessToken;
    private long quota;
    private long usedQuota;
    private long requestCount;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<Long, ApiToken> tokens = new HashMap<>();
    private Map<String, OpenReservation> openReservations = new LinkedHashMap<>();
    private LinkedHashSet<String> recentlyExpired = new LinkedHashSet<>();

    protected UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command) {
        require(command.username() != null && !command.username().isBlank(), "username is required");
        require(command.passwordHash() != null && !command.passwordHash().isBlank(), "password is required");
        require(command.initialQuota() >= 0, "initial quota must not be negative");
        require(command.role() == Roles.COMMON || command.role() == Roles.ADMIN || command.role() == Roles.ROOT,
                "unknown role " + command.role());
        Permissions.requireMayGrant(command.actor(), command.role());
        String group = command.group() == null || command.group().isBlank() ? "default" : command.group();
        String displayName = command.displayName() == null || command.displayName().isBlank()
                ? command.username() : command.displayName();
        apply(new UserRegisteredEvent(command.userId(), command.username(), command.passwordHash(), displayName,
                command.role(), Status.ENABLED, group, command.affCode(), command.inviterId(),
                command.initialQuota(), now().getEpochSecond(), command.actor()));
    }

    @CommandHandler
    LoginResult handle(LogInCommand command, PasswordEncoder passwordEncoder) {
        if (command.password() == null || !passwordEncoder.matches(command.password(), passwordHash)) {
            throw UserAccountException.unauthorized("invalid username or password");
        }
        if (status != Status.ENABLED) {
            throw UserAccountException.refused(GatewayError.USER_DISABLED, "the user is disabled");
        }
        if (accessToken == null) {
            requireAccessToken(command.candidateAccessToken());
            apply(new AccessTokenIssuedEvent(userId, command.candidateAccessToken(), command.actor()));
        }
        return new LoginResult(Long.parseLong(userId), username, role, group, accessToken);
    }

    @CommandHandler
    void handle(IssueAccessTokenCommand command) {
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        requireAccessToken(command.accessToken());
        apply(new AccessTokenIssuedEvent(userId, command.accessToken(), command.actor()));
    }

    @CommandHandler
    void handle(SetUserQuotaCommand command) {
        Permissions.requireAdminAbove(command.actor(), role, "set a user's quota");
        require(command.quota() >= 0, "quota must not be negative");
        apply(new UserQuotaSetEvent(userId, quota, command.quota(), command.actor()));
    }

    @CommandHandler
    void handle(CreateApiTokenCommand command) {
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), role);
        if (status != Status.ENABLED) {
            throw UserAccountException.refused(GatewayError.USER_DISABLED, "the user is disabled");
        }
        require(!tokens.containsKey(command.tokenId()), "token " + command.tokenId() + " exists already");
        require(command.keyHash() != null && !command.keyHash().isBlank(), "the key hash is required");
        require(command.name() != null && command.name().length() <= 50, "the token name must be at most 50 characters");
        require(command.remainQuota() >= 0, "remain_quota must not be negative");
        require(command.expiredTime() == -1 || command.expiredTime() > now().getEpochSecond(),
                "expired_time must be -1 (never) or in the future");
        apply(new ApiTokenCreatedEvent(userId, command.tokenId(), command.name(), command.keyHash(),
                command.maskedKey(), now().getEpochSecond(), command.expiredTime(), command.remainQuota(),
                command.unlimitedQuota(), command.modelLimitsEnabled(),
                command.modelLimits() == null ? java.util.List.of() : command.modelLimits(), command.allowIps(),
                command.group(), command.actor()));
    }

    @CommandHandler
    ReserveQuotaResponse handle(ReserveQuotaCommand command, DeadlineManager deadlineManager,
                                ReservationPolicy policy) {
        String id = command.reservationId();
        OpenReservation open = id == null ? null : openReservations.get(id);
        if (open != null) {
            return new ReserveQuotaResponse(id, open.amount(), open.expiresAt());
        }
        require(id != null && !id.isBlank(), "reservation id is required");
        require(command.amount() >= 0, "amount must not be negative");
        require(!recentlyExpired.contains(id), "reservation " + id + " has already expired");
        if (status != Status.ENABLED) {
            throw UserAccountException.refused(GatewayError.USER_DISABLED, "the user is disabled");
        }
        ApiToken token = tokens.get(command.tokenId());
        if (token == null) {
            throw UserAccountException.refused(GatewayError.INVALID_API_KEY, "no such API token");
        }
        Instant now = now();
        token.checkUsable(now, command.model());
        if (quota < command.amount()) {
            throw UserAccountException.refused(GatewayError.INSUFFICIENT_USER_QUOTA, "the user's quota is insufficient");
        }
        if (token.payable(command.amount()) < command.amount()) {
            throw UserAccountException.refused(GatewayError.TOKEN_QUOTA_EXHAUSTED, "the API token's quota is exhausted");
        }
        Instant expiresAt = now.plus(policy.ttl());
        String expiryDeadlineId = deadlineManager.schedule(expiresAt, RESERVATION_EXPIRY, new ReservationExpiry(id));
        apply(new QuotaReservedEvent(userId, command.tokenId(), id, command.model(), command.amount(),
                quota - command.amount(), token.remainQuota() - command.amount(), expiresAt.toEpochMilli(),
                expiryDeadlineId, command.actor()));
        return new ReserveQuotaResponse(id, command.amount(), expiresAt.toEpochMilli());
    }

    /**
     * Bills the actual cost: of an open reservation (releasing the rest), or, once, of one that
     * already expired. Never below zero: what the user or token cannot pay is recorded as unbilled.
     * A failed request costs nothing and is not counted; every other request reached the model and
     * counts, free or not. Anything else (settled before, never reserved here) is a no-op.
     * Settling cancels the reservation's expiry deadline, so no pending deadline outlives it.
     */
    @CommandHandler
    void handle(SettleReservationCommand command, DeadlineManager deadlineManager) {
        require(command.actualQuota() >= 0, "actual quota must not be negative");
        require(UsageRecorded.SUCCESS.equals(command.status()) || UsageRecorded.FAILED.equals(command.status())
                || UsageRecorded.CLIENT_ABORTED.equals(command.status()), "unknown usage status " + command.status());
        boolean failed = UsageRecorded.FAILED.equals(command.status());
        String id = command.reservationId();
        OpenReservation open = openReservations.get(id);
        boolean late = open == null && recentlyExpired.contains(id);
        if (open == null && !late) {
            return;
        }
        long tokenId = open != null ? open.tokenId() : command.tokenId();
        long reserved = open != null ? open.amount() : 0;
        ApiToken token = tokens.get(tokenId);
        if (open != null && open.expiryDeadlineId() != null) {
            deadlineManager.cancelSchedule(RESERVATION_EXPIRY, open.expiryDeadlineId());
        }
        Settlement bill = Settlement.of(reserved, failed ? 0 : command.actualQuota(), quota, token);
        apply(new ReservationSettledEvent(userId, tokenId, id, reserved, bill.charged(), bill.unbilled(), late,
                quota + bill.released(), token == null ? 0 : token.remainQuota() + bill.released(),
                token == null ? 0 : token.usedQuota() + bill.charged(), usedQuota + bill.charged(),
                failed ? requestCount : requestCount + 1, command.actor()));
    }

    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void on(ReservationExpiry expiry) {
        OpenReservation open = openReservations.get(expiry.reservationId());
        if (open == null) {
            return;
        }
        ApiToken token = tokens.get(open.tokenId());
        apply(new ReservationExpiredEvent(userId, open.tokenId(), expiry.reservationId(), open.amount(),
                quota + open.amount(), token == null ? 0 : token.remainQuota() + open.amount(), Actor.SYSTEM));
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        username = event.username();
        passwordHash = event.passwordHash();
        role = event.role();
        status = event.status();
        group = event.group();
        quota = event.quota();
    }

    @EventSourcingHandler
    void on(AccessTokenIssuedEvent event) {
        accessToken = event.accessToken();
    }

    @EventSourcingHandler
    void on(UserQuotaSetEvent event) {
        quota = event.quota();
    }

    @EventSourcingHandler
    void on(ApiTokenCreatedEvent event) {
        tokens.put(event.tokenId(), new ApiToken(event));
    }

    @EventSourcingHandler
    void on(QuotaReservedEvent event) {
        quota = event.userQuotaAfter();
        openReservations.put(event.reservationId(),
                new OpenReservation(event.tokenId(), event.amount(), event.expiresAt(), event.expiryDeadlineId()));
    }

    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        quota = event.userQuotaAfter();
        usedQuota = event.usedQuotaAfter();
        requestCount = event.requestCountAfter();
        openReservations.remove(event.reservationId());
        recentlyExpired.remove(event.reservationId());
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        quota = event.userQuotaAfter();
        openReservations.remove(event.reservationId());
        recentlyExpired.add(event.reservationId());
        if (recentlyExpired.size() > RECENTLY_EXPIRED_LIMIT) {
            recentlyExpired.remove(recentlyExpired.iterator().next());
        }
    }

    private static void requireAccessToken(String token) {
        require(token != null && token.matches("[A-Za-z0-9]{32}"), "an access token is 32 letters or digits");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw UserAccountException.invalid(message);
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
