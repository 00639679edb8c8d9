package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.lease.*;
import dev.veloera.contracts.usage.ReserveQuotaResponse;
import dev.veloera.contracts.user.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.veloera.command.user.UserAccountException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's account and API tokens. Quota is held before it is spent (leases, and reservations of the
 * older per-request path) only from what is available, so the holds never exceed the balance; usage is
 * charged in full, so the balance goes below zero only by what requests cost beyond their estimates, and
 * nothing new is held while it is at or below zero. Every change is decided here, one command at a time
 * per account; two writers racing collide on the event store's (aggregate, sequence) key. State is only
 * what decisions need, split into members by concern; it serializes with Jackson for snapshots
 * ({@code @Revision}: a snapshot of an older shape is ignored and the account sourced from its events).
 */
@Aggregate(snapshotTriggerDefinition = "userAccountSnapshotTrigger", cache = "userAccountCache")
@Revision("4")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserAccount {

    static final String RESERVATION_EXPIRY = "reservation-expiry";
    static final String LEASE_EXPIRY = "lease-expiry";

    @AggregateIdentifier
    private String userId;
    @AggregateMember
    private QuotaLedger ledger = new QuotaLedger();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<Long, ApiToken> tokens = new HashMap<>();
    @AggregateMember
    private AffiliateLedger affiliates = new AffiliateLedger();
    @AggregateMember
    private QuotaLeases leases = new QuotaLeases();
    @AggregateMember
    private Reservations reservations = new Reservations();
    @AggregateMember
    private SettledOffsets settledOffsets = new SettledOffsets();
    @AggregateMember
    private AccountAdministration administration = new AccountAdministration();
    @AggregateMember
    private CheckIns checkIns = new CheckIns();

    protected UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command) {
        apply(AccountRegistration.event(command, now()));
    }

    @CommandHandler
    void handle(SetUserQuotaCommand command) {
        Permissions.requireAdminAbove(command.actor(), administration.role(), "set a user's quota");
        require(command.quota() >= 0, "quota must not be negative");
        apply(new UserQuotaSetEvent(userId, ledger.quota(), command.quota(), command.actor()));
    }

    @CommandHandler
    void handle(CreateApiTokenCommand command, TokenGroups groups) {
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), administration.role());
        administration.requireEnabled();
        require(!tokens.containsKey(command.tokenId()), "token " + command.tokenId() + " exists already");
        groups.requireUsable(command.group(), administration.group());
        apply(ApiToken.creation(userId, command, now()));
    }

    /** Today's check-in (UTC day), once: a second one that day is refused, however many race. */
    @CommandHandler
    QuotaCreditedEvent handle(CheckInCommand command) {
        administration.requireEnabled();
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), administration.role());
        QuotaCreditedEvent credit = checkIns.credit(userId, command, ledger.quota(), now());
        apply(credit);
        return credit;
    }

    /** {@code aff_quota} into quota: the debit and the credit are two events of one command. */
    @CommandHandler
    void handle(TransferAffQuotaCommand command) {
        administration.requireEnabled();
        Permissions.requireSelfOrAdminAbove(command.actor(), Long.parseLong(userId), administration.role());
        long at = now().getEpochSecond();
        apply(affiliates.transfer(userId, command, at));
        apply(new QuotaCreditedEvent(userId, command.amount(), Math.addExact(ledger.quota(), command.amount()),
                CreditSource.AFFILIATE_TRANSFER, null, "affiliate quota transferred", at, command.actor()));
    }

    /** Here and not in {@link ApiToken} only because the group check needs the user's group. */
    @CommandHandler
    void handle(UpdateApiTokenCommand command, TokenGroups groups) {
        ApiToken token = tokens.get(command.tokenId());
        if (token == null) {
            throw UserAccountException.notFound("token " + command.tokenId() + " not found");
        }
        apply(token.update(command, administration.group(), groups));
    }

    /** The per-request path: takes {@code amount} from the balance at once (the relay uses it until leases). */
    @CommandHandler
    ReserveQuotaResponse handle(ReserveQuotaCommand command, DeadlineManager deadlines, ReservationPolicy policy) {
        String id = command.reservationId();
        OpenReservation open = reservations.open(id);
        if (open != null) {
            return new ReserveQuotaResponse(id, open.amount(), open.expiresAt());
        }
        require(id != null && !id.isBlank() && !reservations.expiredRecently(id), "a new reservation id is required");
        require(command.amount() >= 0, "amount must not be negative");
        Instant now = now();
        long amount = command.amount();
        ApiToken token = usableToken(command.tokenId(), now);
        token.checkModel(command.model());
        QuotaLeases.requireAvailable(amount, ledger.quota() - leases.held(),
                token.available(leases.heldOn(command.tokenId())));
        Instant expiresAt = now.plus(policy.ttl());
        String expiryDeadlineId = deadlines.schedule(expiresAt, RESERVATION_EXPIRY, new ReservationExpiry(id));
        apply(new QuotaReservedEvent(userId, command.tokenId(), id, command.model(), amount, ledger.quota() - amount,
                token.remainQuota() - amount, expiresAt.toEpochMilli(), expiryDeadlineId, command.actor()));
        return new ReserveQuotaResponse(id, amount, expiresAt.toEpochMilli());
    }

    /** Holds part of what is available for one relay instance, as {@link QuotaLeases#size} allows. */
    @CommandHandler
    LeaseGrant handle(GrantQuotaLeaseCommand command, DeadlineManager deadlines, LeasePolicy policy) {
        String id = command.leaseId();
        Lease open = leases.open(id);
        if (open != null) {
            return open.grant(id);
        }
        require(id != null && !id.isBlank() && !leases.closedRecently(id), "a new lease id is required");
        require(command.minimum() >= 0 && command.wanted() > 0, "minimum must not be negative, wanted must be positive");
        Instant now = now();
        long tokenAvailable = usableToken(command.tokenId(), now).available(leases.heldOn(command.tokenId()));
        long amount = QuotaLeases.size(command.minimum(), command.wanted(), ledger.quota() - leases.held(),
                tokenAvailable);
        Instant expiresAt = now.plus(policy.ttl());
        String expiryDeadlineId = deadlines.schedule(expiresAt, LEASE_EXPIRY, new LeaseExpiry(id));
        apply(leases.granted(userId, command, amount, expiresAt, expiryDeadlineId));
        return new LeaseGrant(id, amount, expiresAt.toEpochMilli());
    }

    /** Keeps holding only what of {@code consumed} is not settled yet; closes the lease when nothing is. */
    @CommandHandler
    void handle(ReturnQuotaLeaseCommand command, DeadlineManager deadlines) {
        require(command.consumed() >= 0, "consumed must not be negative");
        QuotaLeaseReturnedEvent returned = leases.handBack(userId, command);
        if (returned == null) {
            return;
        }
        if (returned.closed()) {
            deadlines.cancelSchedule(LEASE_EXPIRY, leases.open(command.leaseId()).expiryDeadlineId());
        }
        apply(returned);
    }

    /**
     * Charges a poll's usage records of this user in full ({@link SettlementTally}), each once
     * ({@link SettledOffsets}); settles the reservations they name and closes the returned leases they
     * finish, cancelling those deadlines.
     */
    @CommandHandler
    void handle(SettleUsageCommand command, DeadlineManager deadlines) {
        List<UsageCharge> unsettled = settledOffsets.unsettled(command.partition(), command.charges());
        if (unsettled.isEmpty()) {
            return;
        }
        SettlementTally tally = new SettlementTally(ledger, tokens);
        unsettled.forEach(charge -> tally.charge(charge, reservations.open(charge.leaseId())));
        tally.reservationsSettled().stream().map(OpenReservation::expiryDeadlineId).filter(Objects::nonNull)
                .forEach(id -> deadlines.cancelSchedule(RESERVATION_EXPIRY, id));
        List<String> closed = leases.closedBy(tally.settled());
        closed.forEach(id -> deadlines.cancelSchedule(LEASE_EXPIRY, leases.open(id).expiryDeadlineId()));
        long throughOffset = command.charges().stream().mapToLong(UsageCharge::offset).max().orElseThrow();
        apply(tally.event(userId, command.partition(), throughOffset, closed, command.actor()));
    }

    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void on(ReservationExpiry expiry) {
        ReservationExpiredEvent expired = reservations.expiry(userId, expiry.reservationId(), ledger.quota(), tokens);
        if (expired != null) {
            apply(expired);
        }
    }

    @DeadlineHandler(deadlineName = LEASE_EXPIRY)
    void on(LeaseExpiry expiry) {
        QuotaLeaseExpiredEvent expired = leases.expiry(userId, expiry.leaseId());
        if (expired != null) {
            apply(expired);
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(ApiTokenCreatedEvent event) {
        tokens.put(event.tokenId(), new ApiToken(event));
    }

    /** {@code UsageSettledEvent} names its tokens in a list, which no member routing key matches. */
    @EventSourcingHandler
    void on(UsageSettledEvent event) {
        event.tokens().stream().filter(b -> tokens.containsKey(b.tokenId()))
                .forEach(b -> tokens.get(b.tokenId()).settled(b));
    }

    /** An enabled user's enabled, unexpired token; {@code invalid_api_key} otherwise. */
    private ApiToken usableToken(long tokenId, Instant now) {
        administration.requireEnabled();
        ApiToken token = tokens.get(tokenId);
        if (token == null) {
            throw UserAccountException.refused(GatewayError.INVALID_API_KEY, "no such API token");
        }
        token.checkActive(now);
        return token;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
