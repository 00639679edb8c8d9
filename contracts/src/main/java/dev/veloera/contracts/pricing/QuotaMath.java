package dev.veloera.contracts.pricing;

/**
 * Quota arithmetic compatible with Veloera / new-api: {@value #QUOTA_PER_UNIT} quota = 1 USD.
 * Ratio pricing bills {@code round((prompt + completion × completionRatio) × modelRatio × groupRatio)};
 * per-call pricing bills {@code modelPrice × QUOTA_PER_UNIT × groupRatio}.
 */
public final class QuotaMath {

    public static final long QUOTA_PER_UNIT = 500_000;

    /** Completion tokens assumed by a reservation when the request names no {@code max_tokens}. */
    public static final int DEFAULT_RESERVED_COMPLETION_TOKENS = 500;

    private QuotaMath() {
    }

    /** Quota for a ratio-priced request; at least 1 when the ratio is above 0 and tokens were used. */
    public static long ratioQuota(long promptTokens, long completionTokens, double modelRatio,
                                  double completionRatio, double groupRatio) {
        double ratio = modelRatio * groupRatio;
        if (ratio <= 0 || promptTokens + completionTokens <= 0) {
            return 0;
        }
        long quota = Math.round((promptTokens + completionTokens * completionRatio) * ratio);
        return Math.max(quota, 1);
    }

    /** Quota for a per-call-priced request, whatever its token counts. */
    public static long perCallQuota(double modelPrice, double groupRatio) {
        return Math.round(modelPrice * QUOTA_PER_UNIT * groupRatio);
    }

    /**
     * Tokens a reservation covers: the estimated prompt plus {@code max_tokens}, or plus
     * {@value #DEFAULT_RESERVED_COMPLETION_TOKENS} when absent. The prompt counts in both cases
     * (the Go gateways forget it when {@code max_tokens} is absent).
     */
    public static long reservedTokens(long estimatedPromptTokens, Integer maxTokens) {
        long completion = maxTokens != null && maxTokens > 0 ? maxTokens : DEFAULT_RESERVED_COMPLETION_TOKENS;
        return Math.max(estimatedPromptTokens, 0) + completion;
    }
}
