package dev.veloera.contracts.catalog;

/**
 * The compacted topic {@code veloera.catalog.v1}: what a relay needs to decide a request, as the current
 * state per key. Key = {@code <kind>:<id>} ({@link #key}); value = the JSON of that kind's record
 * ({@link CatalogToken}, {@link CatalogUser}, {@link CatalogChannel}, {@link CatalogOption}); a null value
 * (tombstone) deletes the key. Published from the event stream in order, at least once, so a consumer
 * simply keeps the last value it read per key. One partition: the catalog is small and its readers read
 * all of it from the beginning.
 */
public final class CatalogTopic {

    public static final String NAME = "veloera.catalog.v1";
    public static final int PARTITIONS = 1;

    public static final String TOKEN = "token";
    public static final String USER = "user";
    public static final String CHANNEL = "channel";
    public static final String OPTION = "option";

    private CatalogTopic() {
    }

    /** The record key of one entry: {@code token:42}, {@code user:7}, {@code channel:3}, {@code option:ModelRatio}. */
    public static String key(String kind, Object id) {
        return kind + ":" + id;
    }

    /** The kind of a record key ({@code token} of {@code token:42}). */
    public static String kindOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    /** The id part of a record key ({@code 42} of {@code token:42}). */
    public static String idOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? "" : key.substring(colon + 1);
    }
}
