package dev.veloera.contracts.topup;

import dev.veloera.contracts.common.Actor;

import java.math.BigDecimal;

/** The order was paid, once; its {@code quota} is credited to {@code userId} in the same transaction. */
public record TopUpPaidEvent(String topUpId, long userId, String tradeNo, long quota, BigDecimal money,
                             String providerTradeNo, long paidTime, Actor actor) {
}
