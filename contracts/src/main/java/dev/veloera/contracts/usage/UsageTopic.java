package dev.veloera.contracts.usage;

/** The usage topic: key = user id as a decimal string, value = {@link UsageRecorded} as JSON. */
public final class UsageTopic {
    public static final String NAME = "veloera.usage.v1";

    /**
     * Partitions of the usage topic and of the analytics topics derived from it: the one declaration every
     * service creates them with, and the number of settlement listeners.
     */
    public static final int PARTITIONS = 3;

    private UsageTopic() {
    }
}
