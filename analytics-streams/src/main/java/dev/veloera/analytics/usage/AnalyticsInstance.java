package dev.veloera.analytics.usage;

/**
 * This instance's stable name ({@link dev.veloera.contracts.common.InstanceName}): the Streams client
 * and the sinks join their groups as static members under it.
 */
public record AnalyticsInstance(String name) {
}
