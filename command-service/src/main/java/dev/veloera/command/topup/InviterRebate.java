package dev.veloera.command.topup;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.CreditAffiliateQuotaCommand;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.UserRegisteredEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The inviter's share of what an invitee is credited (RebateEnabled, RebatePercentage of the quota, rounded
 * down as Veloera does), into the inviter's {@code aff_quota}. Sent inside the caller's transaction. The
 * inviter is read from the invitee's first event, its registration, in the event store itself: it never
 * changes, and no lookup table has to mirror it.
 */
@Component
public class InviterRebate {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final PaymentSettings settings;

    InviterRebate(CommandGateway commands, EventStore eventStore, PaymentSettings settings) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.settings = settings;
    }

    /** Credits the inviter of {@code userId} their share of {@code quota}; answers the amount (0 when none). */
    public long credit(long userId, long quota, String sourceId) {
        PaymentSettings.Values values = settings.current();
        if (!values.rebateEnabled() || values.rebatePercentage() <= 0) {
            return 0;
        }
        Long inviterId = inviterOf(userId);
        long rebate = (long) Math.floor(quota * values.rebatePercentage() / 100.0);
        if (inviterId == null || inviterId <= 0 || rebate <= 0) {
            return 0;
        }
        commands.sendAndWait(new CreditAffiliateQuotaCommand(String.valueOf(inviterId), rebate, CreditSource.REBATE,
                sourceId, false, Actor.SYSTEM));
        return rebate;
    }

    private Long inviterOf(long userId) {
        DomainEventStream events = eventStore.readEvents(String.valueOf(userId), 0);
        if (!events.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof UserRegisteredEvent registered ? registered.inviterId() : null;
    }
}
