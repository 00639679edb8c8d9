package dev.veloera.contracts.pricing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaMathTest {

    @Test
    void billsPromptPlusWeightedCompletionTimesRatios() {
        // (100 + 50 × 4) × 0.075 × 1 = 22.5 → 23 (half up)
        assertThat(QuotaMath.ratioQuota(100, 50, 0.075, 4, 1)).isEqualTo(23);
        // group ratio multiplies
        assertThat(QuotaMath.ratioQuota(1000, 0, 1.0, 1, 2)).isEqualTo(2000);
    }

    @Test
    void billsAtLeastOneWhenTokensWereUsedAndRatioIsPositive() {
        assertThat(QuotaMath.ratioQuota(1, 0, 0.01, 1, 1)).isEqualTo(1);
    }

    @Test
    void billsNothingForAFreeModelOrNoTokens() {
        assertThat(QuotaMath.ratioQuota(100, 100, 0, 1, 1)).isZero();
        assertThat(QuotaMath.ratioQuota(0, 0, 1, 1, 1)).isZero();
    }

    @Test
    void billsPerCallPricesInQuotaUnits() {
        assertThat(QuotaMath.perCallQuota(0.02, 1)).isEqualTo(10_000);
        assertThat(QuotaMath.perCallQuota(0.02, 0.5)).isEqualTo(5_000);
    }

    @Test
    void reservationCountsThePromptEvenWithoutMaxTokens() {
        assertThat(QuotaMath.reservedTokens(120, null)).isEqualTo(620);
        assertThat(QuotaMath.reservedTokens(120, 64)).isEqualTo(184);
    }

    @Test
    void pricingTableResolvesRatiosAndPerCallPrices() {
        PricingTable table = PricingTable.defaults().overriddenBy(null, null, null, java.util.Map.of("dall-e-3", 0.04));
        ModelPrice mini = table.priceFor("gpt-4o-mini", "default");
        assertThat(mini.quotaFor(100, 50)).isEqualTo(23);
        assertThat(mini.reservationFor(100, null)).isEqualTo(45); // (100 + 500) × 0.075
        assertThat(table.priceFor("dall-e-3", "default").quotaFor(0, 0)).isEqualTo(20_000);
        assertThat(table.priceFor("no-such-model", "nobody").modelRatio()).isEqualTo(PricingTable.UNKNOWN_MODEL_RATIO);
    }
}
