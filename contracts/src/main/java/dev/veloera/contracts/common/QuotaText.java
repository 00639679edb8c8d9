package dev.veloera.contracts.common;

import dev.veloera.contracts.pricing.QuotaMath;

import java.util.Locale;

/** A quota as Veloera writes it in log lines ({@code common.LogQuota} with DisplayInCurrencyEnabled, its default). */
public final class QuotaText {

    private QuotaText() {
    }

    /** {@code ＄0.200000 额度} for 100000. */
    public static String logQuota(long quota) {
        return String.format(Locale.ROOT, "＄%.6f 额度", quota / (double) QuotaMath.QUOTA_PER_UNIT);
    }
}
