package dev.veloera.command.topup;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an order costs, as Veloera's {@code getPayMoney}: the dollars bought × Price × the group's
 * TopupGroupRatio, to the cent as Veloera rounds it. With DisplayInCurrencyEnabled (the default) {@code amount} is dollars and buys
 * amount × QuotaPerUnit quota; without it {@code amount} is quota.
 */
record TopUpQuote(long amount, long quota, BigDecimal money) {

    /** DECIMAL(10,2), {@code topups.money}. */
    private static final BigDecimal MAX_MONEY = new BigDecimal("99999999.99");

    static TopUpQuote of(Long requested, String group, PaymentSettings.Values settings) {
        long amount = requested == null ? 0 : requested;
        long minimum = settings.displayInCurrency() ? settings.minTopUp()
                : (long) (settings.minTopUp() * settings.quotaPerUnit());
        TopUpException.require(amount >= minimum && amount > 0, "充值数量不能小于 " + Math.max(minimum, 1));
        BigDecimal perUnit = BigDecimal.valueOf(settings.quotaPerUnit());
        BigDecimal dollars = settings.displayInCurrency() ? BigDecimal.valueOf(amount)
                : BigDecimal.valueOf(amount).divide(perUnit, 12, RoundingMode.HALF_UP);
        BigDecimal exact = dollars.multiply(BigDecimal.valueOf(settings.price()))
                .multiply(BigDecimal.valueOf(settings.groupRatio(group)));
        // Veloera multiplies exactly, then formats the nearest double to the cent: 20.805 is 20.80499… and shows 20.80
        BigDecimal money = new BigDecimal(exact.doubleValue()).setScale(2, RoundingMode.HALF_EVEN);
        TopUpException.require(money.compareTo(new BigDecimal("0.01")) >= 0, "充值金额过低");
        TopUpException.require(money.compareTo(MAX_MONEY) <= 0, "充值数量过大");
        long quota = settings.displayInCurrency()
                ? BigDecimal.valueOf(amount).multiply(perUnit).setScale(0, RoundingMode.DOWN).longValueExact()
                : amount;
        return new TopUpQuote(amount, quota, money);
    }
}
