package dev.veloera.contracts.option;

import dev.veloera.contracts.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets option {@code key} to {@code value} (checked against {@link SystemOptions#definition}); root only. */
public record ChangeOptionCommand(@TargetAggregateIdentifier String settingsId, String key, String value,
                                  Actor actor) {
}
