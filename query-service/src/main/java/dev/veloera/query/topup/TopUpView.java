package dev.veloera.query.topup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;

/**
 * A top-up order in Veloera's field names ({@code amount}, {@code money}, {@code trade_no}, {@code create_time},
 * {@code status} as {@code pending}/{@code success}, ours also {@code cancelled}), plus the quota it credits,
 * the payment method and when it was paid.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopUpView(long id, long userId, long amount, BigDecimal money, long quota, String tradeNo,
                        String status, String paymentMethod, long createTime, long paidTime) {
}
