package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.lease.GrantQuotaLeaseCommand;
import dev.veloera.contracts.lease.QuotaLeaseExpiredEvent;
import dev.veloera.contracts.lease.QuotaLeaseGrantedEvent;
import dev.veloera.contracts.lease.QuotaLeaseReturnedEvent;
import dev.veloera.contracts.lease.ReturnQuotaLeaseCommand;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.UsageSettledEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open quota leases of a {@link UserAccount} and their arithmetic. A hold is separate from the
 * balance: what is available is the balance minus everything held, so grants never promise more than
 * the user (and the token) has. Closed ids are remembered so that a late retry of a grant does not open
 * the same lease again.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class QuotaLeases {

    static final int RECENTLY_CLOSED_LIMIT = 1000;

    private Map<String, Lease> open = new LinkedHashMap<>();
    private RecentIds recentlyClosed = new RecentIds(RECENTLY_CLOSED_LIMIT);

    Lease open(String leaseId) {
        return leaseId == null ? null : open.get(leaseId);
    }

    boolean closedRecently(String leaseId) {
        return recentlyClosed.contains(leaseId);
    }

    /** Everything the open leases hold from the user's balance. */
    long held() {
        return open.values().stream().mapToLong(Lease::held).sum();
    }

    /** What the open leases hold from token {@code tokenId}'s remaining quota. */
    long heldOn(long tokenId) {
        return open.values().stream().filter(l -> l.tokenId() == tokenId).mapToLong(Lease::held).sum();
    }

    /**
     * Refuses to hold {@code minimum} unless that much is available from the user and the token, and
     * anything at all while nothing is. {@code tokenAvailable} is {@link Long#MAX_VALUE} for an unlimited
     * token.
     */
    static void requireAvailable(long minimum, long userAvailable, long tokenAvailable) {
        if (userAvailable <= 0 || userAvailable < minimum) {
            throw UserAccountException.refused(GatewayError.INSUFFICIENT_USER_QUOTA,
                    "the user's available quota (" + Math.max(0, userAvailable) + ") is insufficient");
        }
        if (tokenAvailable <= 0 || tokenAvailable < minimum) {
            throw UserAccountException.refused(GatewayError.TOKEN_QUOTA_EXHAUSTED,
                    "the API token's available quota is exhausted");
        }
    }

    /**
     * How much a grant holds: at least {@code minimum} (the waiting request's estimate; refused as
     * {@link #requireAvailable} says), at most {@code wanted}, and never more than half of what the user
     * or the token has available (rounded up) unless the minimum needs more: one relay must not take a
     * small balance that another relay's requests need.
     */
    static long size(long minimum, long wanted, long userAvailable, long tokenAvailable) {
        requireAvailable(minimum, userAvailable, tokenAvailable);
        long cap = Math.max(minimum, Math.min(userAvailable - userAvailable / 2, tokenAvailable - tokenAvailable / 2));
        return Math.min(Math.max(wanted, minimum), cap);
    }

    QuotaLeaseGrantedEvent granted(String userId, GrantQuotaLeaseCommand command, long amount, Instant expiresAt,
                                   String expiryDeadlineId) {
        return new QuotaLeaseGrantedEvent(userId, command.tokenId(), command.leaseId(), command.relayInstance(),
                amount, held() + amount, heldOn(command.tokenId()) + amount, expiresAt.toEpochMilli(),
                expiryDeadlineId, command.actor());
    }

    /** The hand-back of an open lease not returned before; {@code null} (a no-op) for any other. */
    QuotaLeaseReturnedEvent handBack(String userId, ReturnQuotaLeaseCommand command) {
        Lease lease = open(command.leaseId());
        if (lease == null || lease.returned()) {
            return null;
        }
        Lease after = lease.handBack(command.consumed());
        long released = lease.held() - after.held();
        return new QuotaLeaseReturnedEvent(userId, lease.tokenId(), command.leaseId(), command.consumed(),
                lease.settled(), after.held(), after.closes(), held() - released,
                heldOn(lease.tokenId()) - released, command.actor());
    }

    /** The expiry of an open lease, releasing all it holds; {@code null} when it closed before. */
    QuotaLeaseExpiredEvent expiry(String userId, String leaseId) {
        Lease lease = open(leaseId);
        if (lease == null) {
            return null;
        }
        return new QuotaLeaseExpiredEvent(userId, lease.tokenId(), leaseId, lease.held(), held() - lease.held(),
                heldOn(lease.tokenId()) - lease.held(), Actor.SYSTEM);
    }

    /** The returned leases that the settlement of {@code usage} leaves with nothing to settle. */
    List<String> closedBy(List<SettledUsage> usage) {
        Map<String, Lease> after = new LinkedHashMap<>();
        for (SettledUsage u : usage) {
            Lease lease = after.getOrDefault(u.leaseId(), open(u.leaseId()));
            if (lease != null) {
                after.put(u.leaseId(), lease.settle(u.charged()));
            }
        }
        List<String> closed = new ArrayList<>();
        after.forEach((id, lease) -> {
            if (lease.closes()) {
                closed.add(id);
            }
        });
        return closed;
    }

    @EventSourcingHandler
    void on(QuotaLeaseGrantedEvent event) {
        open.put(event.leaseId(), Lease.granted(event));
    }

    @EventSourcingHandler
    void on(QuotaLeaseReturnedEvent event) {
        if (event.closed()) {
            close(event.leaseId());
        } else {
            open.computeIfPresent(event.leaseId(), (id, lease) -> lease.holding(event.heldAfter(), event.consumed()));
        }
    }

    @EventSourcingHandler
    void on(QuotaLeaseExpiredEvent event) {
        close(event.leaseId());
    }

    @EventSourcingHandler
    void on(UsageSettledEvent event) {
        for (SettledUsage usage : event.settled()) {
            if (usage.leaseId() != null) {
                open.computeIfPresent(usage.leaseId(), (id, lease) -> lease.settle(usage.charged()));
            }
        }
        event.leasesClosed().forEach(this::close);
    }

    private void close(String leaseId) {
        open.remove(leaseId);
        recentlyClosed.add(leaseId);
    }
}
