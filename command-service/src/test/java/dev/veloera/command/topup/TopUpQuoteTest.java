package dev.veloera.command.topup;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Veloera's getPayMoney and getMinTopup, in dollars (the default) and in quota. */
class TopUpQuoteTest {

    private static PaymentSettings.Values settings(boolean displayInCurrency, double price, long minTopUp,
                                                   Map<String, Double> ratios) {
        return new PaymentSettings.Values(price, minTopUp, ratios, "1", "k", "https://pay", "https://cb", "https://site",
                false, 0, displayInCurrency, 500_000);
    }

    @Test
    void dollarsTimesPriceTimesTheGroupsRatioToTheCent() {
        TopUpQuote quote = TopUpQuote.of(3L, "vip", settings(true, 7.3, 1, Map.of("vip", 0.95)));
        assertThat(quote.money()).as("20.805 as Go formats the double nearest to it").isEqualByComparingTo("20.80");
        assertThat(quote.quota()).isEqualTo(1_500_000);
        assertThat(quote.amount()).isEqualTo(3);
    }

    @Test
    void roundsToTheNearestCentOtherwise() {
        assertThat(TopUpQuote.of(1L, "default", settings(true, 0.126, 1, Map.of())).money()).isEqualByComparingTo("0.13");
        assertThat(TopUpQuote.of(10L, "default", settings(true, 7.3, 1, Map.of())).money()).isEqualByComparingTo("73.00");
    }

    @Test
    void aMissingGroupOrARatioOfZeroCountsAsOne() {
        assertThat(TopUpQuote.of(2L, "nobody", settings(true, 7.3, 1, Map.of())).money()).isEqualByComparingTo("14.60");
        assertThat(TopUpQuote.of(2L, "free", settings(true, 7.3, 1, Map.of("free", 0.0))).money())
                .isEqualByComparingTo("14.60");
    }

    @Test
    void withoutCurrencyTheAmountIsQuotaAndTheMinimumIsInQuotaToo() {
        TopUpQuote quote = TopUpQuote.of(1_000_000L, "default", settings(false, 7.3, 1, Map.of()));
        assertThat(quote.quota()).isEqualTo(1_000_000);
        assertThat(quote.money()).isEqualByComparingTo("14.60");
        assertThatThrownBy(() -> TopUpQuote.of(499_999L, "default", settings(false, 7.3, 1, Map.of())))
                .hasMessage("充值数量不能小于 500000");
    }

    @Test
    void belowTheMinimumOrACentIsRefused() {
        assertThatThrownBy(() -> TopUpQuote.of(null, "default", settings(true, 7.3, 1, Map.of())))
                .hasMessage("充值数量不能小于 1");
        assertThatThrownBy(() -> TopUpQuote.of(1L, "default", settings(true, 0.001, 1, Map.of())))
                .hasMessage("充值金额过低");
    }
}
