package dev.veloera.contracts.user;

/**
 * What a quota credit comes from, as stored in {@link QuotaCreditedEvent#source()} and
 * {@link AffiliateQuotaCreditedEvent#source()}: events keep the string, so a new source is a new
 * constant here, never a renamed one.
 */
public final class CreditSource {
    public static final String REDEMPTION = "redemption";
    public static final String TOP_UP = "topup";
    public static final String CHECK_IN = "check_in";
    /** The invitee's reward for registering with an {@code aff_code} (QuotaForInvitee). */
    public static final String INVITATION = "invitation";
    /** The inviter's reward when an invitee registers (QuotaForInviter, into {@code aff_quota}). */
    public static final String INVITER_REWARD = "inviter_reward";
    /** The inviter's share of an invitee's top-up (RebateEnabled, RebatePercentage, into {@code aff_quota}). */
    public static final String REBATE = "rebate";
    /** {@code aff_quota} moved into {@code quota} by its owner. */
    public static final String AFFILIATE_TRANSFER = "aff_transfer";

    private CreditSource() {
    }
}
