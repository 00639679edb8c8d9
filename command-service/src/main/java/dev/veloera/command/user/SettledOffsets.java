package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.UsageCharge;
import dev.veloera.contracts.user.UsageSettledEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a {@link UserAccount}'s usage has been settled, so that no record is charged twice. A user's
 * records all live on one partition of the usage topic, in order (the key is the user id), so the highest
 * settled offset per partition covers any replay of the topic. A relay's journal may resend a record at
 * a new offset after a crash; the last {@value #RECENT_REQUEST_IDS} settled request ids catch those (a
 * resend follows its original closely: it is what the journal had sent but not seen acknowledged).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class SettledOffsets {

    static final int RECENT_REQUEST_IDS = 2048;

    private Map<Integer, Long> throughOffset = new HashMap<>();
    private RecentIds recentRequests = new RecentIds(RECENT_REQUEST_IDS);

    /** The charges of {@code partition} not settled before, each request once. */
    List<UsageCharge> unsettled(int partition, List<UsageCharge> charges) {
        long through = throughOffset.getOrDefault(partition, -1L);
        Set<String> seen = new HashSet<>();
        return charges.stream()
                .filter(c -> c.offset() > through && !recentRequests.contains(c.requestId()) && seen.add(c.requestId()))
                .toList();
    }

    @EventSourcingHandler
    void on(UsageSettledEvent event) {
        throughOffset.merge(event.partition(), event.throughOffset(), Math::max);
        event.settled().stream().map(SettledUsage::requestId).forEach(recentRequests::add);
    }

    /** The per-request path used the request id as the reservation id. */
    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        recentRequests.add(event.reservationId());
    }
}
