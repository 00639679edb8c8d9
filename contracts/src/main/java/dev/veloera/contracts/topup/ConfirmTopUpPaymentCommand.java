package dev.veloera.contracts.topup;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * The payment provider says the order was paid {@code money} (its own trade number {@code providerTradeNo}).
 * The handler answers the {@link TopUpPaidEvent} it applied, or null when the order was paid already.
 */
public record ConfirmTopUpPaymentCommand(@TargetAggregateIdentifier String topUpId, BigDecimal money,
                                         String providerTradeNo, Actor actor) {
}
