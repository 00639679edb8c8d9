package dev.veloera.relay.pricing;

import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.QuotaMath;

/**
 * What an answer costs, as Veloera bills it ({@code relay-text.go}, {@code service/quota.go}): per call for a model
 * with a price; otherwise {@code (fresh prompt + cached × CacheRatio + cache writes × 1.25 + completion ×
 * CompletionRatio) × ModelRatio × GroupRatio}, rounded, at least 1 when anything was used at a ratio above 0.
 */
public final class Billing {

    /** Veloera's CacheCreationRatio for every model it knows. */
    public static final double CACHE_CREATION_RATIO = 1.25;

    private Billing() {
    }

    public static long quota(ModelPrice price, TokenUsage usage, double cacheRatio) {
        if (price.perCall()) {
            return QuotaMath.perCallQuota(price.modelPrice(), price.groupRatio());
        }
        if (usage.cachedTokens() == 0 && usage.cacheCreationTokens() == 0) {
            return price.quotaFor(usage.promptTokens(), usage.completionTokens());
        }
        double ratio = price.modelRatio() * price.groupRatio();
        if (ratio <= 0 || usage.promptTokens() + usage.completionTokens() <= 0) {
            return 0;
        }
        double tokens = usage.freshPromptTokens() + usage.cachedTokens() * cacheRatio
                + usage.cacheCreationTokens() * CACHE_CREATION_RATIO + usage.completionTokens() * price.completionRatio();
        return Math.max(Math.round(tokens * ratio), 1);
    }
}
