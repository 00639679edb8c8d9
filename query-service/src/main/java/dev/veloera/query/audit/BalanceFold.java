package dev.veloera.query.audit;

import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A user's quota through their account's events: each event that changes it carries the value after, which is
 * all this reads. One entry per event type; an event not listed (a lease, a token created) leaves the quota as
 * it was. A new event that changes the quota needs its line here.
 */
final class BalanceFold {

    private static final Map<Class<?>, ToLongFunction<Object>> QUOTA_AFTER = Map.of(
            UserRegisteredEvent.class, e -> ((UserRegisteredEvent) e).quota(),
            UserQuotaSetEvent.class, e -> ((UserQuotaSetEvent) e).quota(),
            QuotaReservedEvent.class, e -> ((QuotaReservedEvent) e).userQuotaAfter(),
            ReservationExpiredEvent.class, e -> ((ReservationExpiredEvent) e).userQuotaAfter(),
            ReservationSettledEvent.class, e -> ((ReservationSettledEvent) e).userQuotaAfter(),
            UsageSettledEvent.class, e -> ((UsageSettledEvent) e).userQuotaAfter(),
            QuotaCreditedEvent.class, e -> ((QuotaCreditedEvent) e).quotaAfter());

    private long quota;

    /** The quota after {@code event}, which becomes the current one. */
    long apply(Object event) {
        ToLongFunction<Object> after = event == null ? null : QUOTA_AFTER.get(event.getClass());
        if (after != null) {
            quota = after.applyAsLong(event);
        }
        return quota;
    }

    long current() {
        return quota;
    }
}
