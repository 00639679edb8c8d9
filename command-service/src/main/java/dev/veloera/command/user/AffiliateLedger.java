package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.user.AffQuotaTransferredEvent;
import dev.veloera.contracts.user.AffiliateQuotaCreditedEvent;
import dev.veloera.contracts.user.CreditAffiliateQuotaCommand;
import dev.veloera.contracts.user.TransferAffQuotaCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;

import static dev.veloera.command.user.UserAccountException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link UserAccount}'s affiliate balances as {@code users} shows them: {@code aff_quota} (rewards not
 * yet moved into the quota), {@code aff_history_quota} (all rewards ever) and {@code aff_count} (invitees).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class AffiliateLedger {

    private long affQuota;
    private long affHistoryQuota;
    private int affCount;

    long affQuota() {
        return affQuota;
    }

    /** The debit of a transfer: at least its minimum, never more than {@code aff_quota}. */
    AffQuotaTransferredEvent transfer(String userId, TransferAffQuotaCommand command, long at) {
        require(command.amount() > 0, "the amount to transfer must be positive");
        require(command.amount() >= command.minimum(), "the amount to transfer must be at least " + command.minimum());
        if (command.amount() > affQuota) {
            throw new UserAccountException("insufficient_aff_quota", 400,
                    "not enough affiliate quota: " + affQuota + " available");
        }
        return new AffQuotaTransferredEvent(userId, command.amount(), affQuota - command.amount(), at, command.actor());
    }

    @CommandHandler
    void handle(CreditAffiliateQuotaCommand command) {
        require(command.amount() >= 0, "an affiliate credit must not be negative");
        require(command.amount() > 0 || command.countsInvitee(), "an affiliate credit must change something");
        require(command.actor() != null, "a credit names its actor");
        apply(new AffiliateQuotaCreditedEvent(command.userId(), command.amount(),
                Math.addExact(affQuota, command.amount()), Math.addExact(affHistoryQuota, command.amount()),
                command.countsInvitee() ? affCount + 1 : affCount, command.source(), command.sourceId(),
                GenericEventMessage.clock.instant().getEpochSecond(), command.actor()));
    }

    @EventSourcingHandler
    void on(AffQuotaTransferredEvent event) {
        affQuota = event.affQuotaAfter();
    }

    @EventSourcingHandler
    void on(AffiliateQuotaCreditedEvent event) {
        affQuota = event.affQuotaAfter();
        affHistoryQuota = event.affHistoryQuotaAfter();
        affCount = event.affCountAfter();
    }
}
