package dev.veloera.contracts.option;

import dev.veloera.contracts.common.Actor;

/**
 * Option {@code key} is now {@code value}; {@code previousValue} is what it was (the default when never set).
 * The one aggregate {@link SystemOptions#SETTINGS_ID} orders every change.
 */
public record OptionChangedEvent(String settingsId, String key, String value, String previousValue, long changedAt,
                                 Actor actor) {
}
