package dev.veloera.contracts.redemption;

/**
 * Redemption aggregate identifiers: the numeric id ({@code redemptions.id}) behind a prefix, because Axon's
 * event store requires an aggregate id to be unique across aggregate types and user accounts own the plain
 * decimal ids.
 */
public final class RedemptionIds {

    private static final String PREFIX = "redemption-";

    private RedemptionIds() {
    }

    public static String aggregateId(long redemptionId) {
        return PREFIX + redemptionId;
    }

    /** The numeric id of {@code aggregateId}; refuses an id that is not a redemption's. */
    public static long numericId(String aggregateId) {
        if (aggregateId == null || !aggregateId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a redemption aggregate id: " + aggregateId);
        }
        return Long.parseLong(aggregateId.substring(PREFIX.length()));
    }
}
