package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.UsageSettledEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-request reservations of a {@link UserAccount} (the path the relay used before quota leases): a
 * reservation took its amount from the balance at once and gives it back when its usage is settled or its
 * deadline fires. Expired ids are remembered so that one cannot be reserved again.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class Reservations {

    static final int RECENTLY_EXPIRED_LIMIT = 1000;

    private Map<String, OpenReservation> open = new LinkedHashMap<>();
    private RecentIds recentlyExpired = new RecentIds(RECENTLY_EXPIRED_LIMIT);

    OpenReservation open(String reservationId) {
        return reservationId == null ? null : open.get(reservationId);
    }

    boolean expiredRecently(String reservationId) {
        return recentlyExpired.contains(reservationId);
    }

    /** The release of an open reservation at its deadline; {@code null} when it was settled before. */
    ReservationExpiredEvent expiry(String userId, String reservationId, long quota, Map<Long, ApiToken> tokens) {
        OpenReservation reservation = open(reservationId);
        if (reservation == null) {
            return null;
        }
        ApiToken token = tokens.get(reservation.tokenId());
        return new ReservationExpiredEvent(userId, reservation.tokenId(), reservationId, reservation.amount(),
                quota + reservation.amount(), token == null ? 0 : token.remainQuota() + reservation.amount(),
                Actor.SYSTEM);
    }

    @EventSourcingHandler
    void on(QuotaReservedEvent event) {
        open.put(event.reservationId(),
                new OpenReservation(event.tokenId(), event.amount(), event.expiresAt(), event.expiryDeadlineId()));
    }

    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        open.remove(event.reservationId());
        recentlyExpired.remove(event.reservationId());
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        open.remove(event.reservationId());
        recentlyExpired.add(event.reservationId());
    }

    @EventSourcingHandler
    void on(UsageSettledEvent event) {
        for (SettledUsage usage : event.settled()) {
            if (usage.leaseId() != null) {
                open.remove(usage.leaseId());
            }
        }
    }
}
