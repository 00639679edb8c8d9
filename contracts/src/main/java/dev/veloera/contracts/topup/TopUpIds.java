package dev.veloera.contracts.topup;

/**
 * TopUp aggregate identifiers: the numeric id ({@code topups.id}) behind a prefix, because Axon's event store
 * requires an aggregate id to be unique across aggregate types and user accounts own the plain decimal ids.
 */
public final class TopUpIds {

    private static final String PREFIX = "topup-";

    private TopUpIds() {
    }

    public static String aggregateId(long topUpId) {
        return PREFIX + topUpId;
    }

    /** The numeric id of {@code aggregateId}; refuses an id that is not a top-up's. */
    public static long numericId(String aggregateId) {
        if (aggregateId == null || !aggregateId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a top-up aggregate id: " + aggregateId);
        }
        return Long.parseLong(aggregateId.substring(PREFIX.length()));
    }
}
