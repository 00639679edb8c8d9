package dev.veloera.contracts.topup;

import dev.veloera.contracts.common.Actor;

/** The order ended unpaid ({@code reason}: {@code expired}); a payment notified later is refused. */
public record TopUpCancelledEvent(String topUpId, long userId, String tradeNo, String reason, long cancelledTime,
                                  Actor actor) {
}
