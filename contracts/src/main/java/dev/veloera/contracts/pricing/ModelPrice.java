package dev.veloera.contracts.pricing;

/**
 * The price of one model for one group, resolved from a {@link PricingTable}. Either per-call
 * ({@code perCall}, billed {@code modelPrice} USD a request) or by token ratios.
 */
public record ModelPrice(String model, String group, boolean perCall, double modelPrice, double modelRatio,
                         double completionRatio, double groupRatio) {

    /** What a finished request costs. */
    public long quotaFor(long promptTokens, long completionTokens) {
        if (perCall) {
            return QuotaMath.perCallQuota(modelPrice, groupRatio);
        }
        return QuotaMath.ratioQuota(promptTokens, completionTokens, modelRatio, completionRatio, groupRatio);
    }

    /**
     * What to reserve before the upstream call. Completion ratio is not applied, as in the Go
     * gateways; settlement bills the actual cost either way.
     */
    public long reservationFor(long estimatedPromptTokens, Integer maxTokens) {
        if (perCall) {
            return QuotaMath.perCallQuota(modelPrice, groupRatio);
        }
        long tokens = QuotaMath.reservedTokens(estimatedPromptTokens, maxTokens);
        return QuotaMath.ratioQuota(tokens, 0, modelRatio, 1, groupRatio);
    }
}
