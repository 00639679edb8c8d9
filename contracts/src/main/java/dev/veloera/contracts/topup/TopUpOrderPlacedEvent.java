package dev.veloera.contracts.topup;

import dev.veloera.contracts.common.Actor;

import java.math.BigDecimal;

/** A pending top-up order; {@code createdTime} epoch seconds, {@code expiresAt} epoch ms with its deadline's id. */
public record TopUpOrderPlacedEvent(String topUpId, long userId, String tradeNo, long amount, BigDecimal money,
                                    long quota, String paymentMethod, long createdTime, long expiresAt,
                                    String expiryDeadlineId, Actor actor) {
}
