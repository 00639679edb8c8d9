package dev.veloera.command.option;

import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.option.ChangeOptionCommand;
import dev.veloera.contracts.option.OptionChangedEvent;
import dev.veloera.contracts.option.OptionDefinition;
import dev.veloera.contracts.option.SystemOptions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Every option of the installation ({@code options}), one aggregate so that changes are ordered and each event
 * knows the value it replaced. Created by its first change; two first changes racing collide on the event
 * store's key and the loser is retried against the created aggregate. Only root (or the system) changes options.
 */
@Aggregate
public class SystemSettings {

    @AggregateIdentifier
    private String settingsId;
    private Map<String, String> values = new HashMap<>();

    protected SystemSettings() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeOptionCommand command) {
        if (!SystemOptions.SETTINGS_ID.equals(command.settingsId())) {
            throw OptionException.invalid("the settings id is " + SystemOptions.SETTINGS_ID);
        }
        if (command.actor() == null || (!command.actor().isSystem() && command.actor().role() < Roles.ROOT)) {
            throw OptionException.forbidden("only root may change options");
        }
        OptionDefinition definition = SystemOptions.definition(command.key())
                .orElseThrow(() -> OptionException.invalid("unknown option " + command.key()));
        String value = OptionValueRules.check(definition, command.value());
        String previous = values.getOrDefault(definition.key(), definition.defaultValue());
        apply(new OptionChangedEvent(SystemOptions.SETTINGS_ID, definition.key(), value, previous,
                GenericEventMessage.clock.instant().getEpochSecond(), command.actor()));
    }

    @EventSourcingHandler
    void on(OptionChangedEvent event) {
        settingsId = event.settingsId();
        values.put(event.key(), event.value());
    }
}
