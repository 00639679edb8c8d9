package dev.veloera.contracts.topup;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * A user orders {@code quota} for {@code money} under a {@code tradeNo} the caller already claimed; unpaid at
 * {@code expiresAt} (epoch ms) the order is cancelled. {@code amount} is what the user asked for (Veloera's
 * units: dollars when DisplayInCurrencyEnabled, quota otherwise).
 */
public record PlaceTopUpOrderCommand(@TargetAggregateIdentifier String topUpId, long userId, String tradeNo,
                                     long amount, BigDecimal money, long quota, String paymentMethod,
                                     long expiresAt, Actor actor) {
}
