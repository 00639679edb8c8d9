package dev.veloera.contracts.usage;

/** The usage topic: key = user id as a decimal string, value = {@link UsageRecorded} as JSON. */
public final class UsageTopic {
    public static final String NAME = "veloera.usage.v1";

    private UsageTopic() {
    }
}
