package dev.veloera.command.channel;

import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.common.Status;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An upstream channel. Its abilities (group × model, with priority and weight) follow from the
 * created event; the read side derives the {@code abilities} rows from it.
 */
@Aggregate
public class Channel {

    @AggregateIdentifier
    private String channelId;
    private int status;

    protected Channel() {
    }

    @CommandHandler
    public Channel(CreateChannelCommand command) {
        if (!command.actor().isAdmin()) {
            throw ChannelException.forbidden("only an admin may create a channel");
        }
        require(command.type() >= 0, "type must not be negative");
        require(command.name() != null && !command.name().isBlank(), "name is required");
        require(command.key() != null && !command.key().isBlank(), "key is required");
        require(command.models() != null && !command.models().isEmpty(), "at least one model is required");
        require(command.models().stream().noneMatch(m -> m == null || m.isBlank()), "model names must not be blank");
        require(command.weight() >= 0, "weight must not be negative");
        List<String> groups = command.groups() == null || command.groups().isEmpty()
                ? List.of("default") : command.groups();
        require(groups.stream().noneMatch(g -> g == null || g.isBlank()), "group names must not be blank");
        Map<String, String> mapping = command.modelMapping() == null ? Map.of() : command.modelMapping();
        String baseUrl = command.baseUrl() == null ? "" : command.baseUrl();
        apply(new ChannelCreatedEvent(command.channelId(), command.type(), command.name(), command.key(), baseUrl,
                command.models(), groups, command.priority(), command.weight(), mapping, command.testModel(),
                Status.ENABLED, GenericEventMessage.clock.instant().getEpochSecond(), command.actor()));
    }

    @EventSourcingHandler
    void on(ChannelCreatedEvent event) {
        channelId = event.channelId();
        status = event.status();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw ChannelException.invalid(message);
        }
    }
}
