package dev.veloera.command.channel;

import dev.veloera.contracts.channel.ChangeChannelStatusCommand;
import dev.veloera.contracts.channel.ChannelBalanceUpdatedEvent;
import dev.veloera.contracts.channel.ChannelCreatedEvent;
import dev.veloera.contracts.channel.ChannelDeletedEvent;
import dev.veloera.contracts.channel.ChannelSettings;
import dev.veloera.contracts.channel.ChannelStatusChangedEvent;
import dev.veloera.contracts.channel.ChannelTestedEvent;
import dev.veloera.contracts.channel.ChannelUpdatedEvent;
import dev.veloera.contracts.channel.CreateChannelCommand;
import dev.veloera.contracts.channel.DeleteChannelCommand;
import dev.veloera.contracts.channel.RecordChannelCheckCommand;
import dev.veloera.contracts.channel.UpdateChannelCommand;
import dev.veloera.contracts.channel.ChannelIds;
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
 * created and updated events; the read side derives the {@code abilities} rows from them. It keeps its settings
 * because an edit names only the fields it changes and the event carries them all.
 */
@Aggregate
public class Channel {

    @AggregateIdentifier
    private String channelId;
    private int status;
    private boolean deleted;
    private ChannelSettings settings;

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

    @CommandHandler
    void handle(UpdateChannelCommand command) {
        requireAdminOnExisting(command.actor(), "edit a channel");
        ChannelSettings edit = command.edit() == null ? ChannelSettings.unchanged() : command.edit();
        apply(new ChannelUpdatedEvent(channelId, ChannelRules.merged(settings, edit), now(), command.actor()));
    }

    @CommandHandler
    void handle(DeleteChannelCommand command) {
        requireAdminOnExisting(command.actor(), "delete a channel");
        if (command.onlyIfDisabled() && status == Status.ENABLED) {
            return;
        }
        apply(new ChannelDeletedEvent(channelId, settings.name(), command.actor()));
    }

    /** A test's response time or a balance the upstream reported: facts, recorded as they come. */
    @CommandHandler
    void handle(RecordChannelCheckCommand command) {
        requireAdminOnExisting(command.actor(), "record a channel check");
        if (command.responseTimeMs() != null) {
            require(command.responseTimeMs() >= 0, "the response time must not be negative");
            apply(new ChannelTestedEvent(channelId, command.responseTimeMs(), now(), command.actor()));
        }
        if (command.balance() != null) {
            require(Double.isFinite(command.balance()), "the balance must be a number");
            apply(new ChannelBalanceUpdatedEvent(channelId, command.balance(), now(), command.actor()));
        }
    }

    /** Admins by hand, the system (relay reports, channel tests) automatically; the same status again is a no-op. */
    @CommandHandler
    void handle(ChangeChannelStatusCommand command) {
        if (deleted) {
            throw ChannelException.notFound("channel " + ChannelIds.numericId(channelId) + " was deleted");
        }
        if (!command.actor().isAdmin()) {
            throw ChannelException.forbidden("only an admin may change a channel's status");
        }
        require(command.status() == Status.ENABLED || command.status() == Status.DISABLED
                || command.status() == Status.AUTO_DISABLED, "status must be 1 (enabled), 2 (disabled) or 3 (auto-disabled)");
        if (command.status() == status) {
            return;
        }
        if (command.status() == Status.AUTO_DISABLED && command.actor().isSystem() && settings.autoBan() == 0) {
            return; // auto_ban 0: the gateway never disables this channel on its own
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        apply(new ChannelStatusChangedEvent(channelId, status, command.status(),
                reason.length() > 500 ? reason.substring(0, 500) : reason,
                GenericEventMessage.clock.instant().getEpochSecond(), command.actor()));
    }

    @EventSourcingHandler
    void on(ChannelCreatedEvent event) {
        channelId = event.channelId();
        status = event.status();
        settings = ChannelRules.of(event);
    }

    @EventSourcingHandler
    void on(ChannelUpdatedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(ChannelDeletedEvent event) {
        deleted = true;
    }

    private void requireAdminOnExisting(dev.veloera.contracts.common.Actor actor, String what) {
        if (!actor.isAdmin()) {
            throw ChannelException.forbidden("only an admin may " + what);
        }
        if (deleted) {
            throw ChannelException.notFound("channel " + ChannelIds.numericId(channelId) + " was deleted");
        }
    }

    private static long now() {
        return GenericEventMessage.clock.instant().getEpochSecond();
    }

    @EventSourcingHandler
    void on(ChannelStatusChangedEvent event) {
        status = event.status();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw ChannelException.invalid(message);
        }
    }
}
