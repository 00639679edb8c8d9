package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.contracts.user.CreditQuotaCommand;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;

import static dev.veloera.command.user.UserAccountException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A {@link UserAccount}'s balances as {@code users} shows them: {@code quota} (what is left; below zero
 * only by what requests cost beyond their estimates), {@code used_quota} and {@code request_count}. Every
 * event that changes one carries its value after the change, which is all this copies.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class QuotaLedger {

    private long quota;
    private long usedQuota;
    private long requestCount;

    long quota() {
        return quota;
    }

    long usedQuota() {
        return usedQuota;
    }

    long requestCount() {
        return requestCount;
    }

    /**
     * A credit whose source (a redemption, a top-up, a check-in) was decided by the aggregate that owns
     * it, in the same transaction; here only its shape is checked.
     */
    @CommandHandler
    void handle(CreditQuotaCommand command) {
        require(command.amount() > 0, "a credit must be positive");
        require(command.source() != null && !command.source().isBlank(), "a credit names its source");
        require(command.actor() != null, "a credit names its actor");
        apply(new QuotaCreditedEvent(command.userId(), command.amount(), Math.addExact(quota, command.amount()),
                command.source(), command.sourceId(), command.reason(),
                GenericEventMessage.clock.instant().getEpochSecond(), command.actor()));
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        quota = event.quota();
    }

    @EventSourcingHandler
    void on(QuotaCreditedEvent event) {
        quota = event.quotaAfter();
    }

    @EventSourcingHandler
    void on(UserQuotaSetEvent event) {
        quota = event.quota();
    }

    @EventSourcingHandler
    void on(QuotaReservedEvent event) {
        quota = event.userQuotaAfter();
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        quota = event.userQuotaAfter();
    }

    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        quota = event.userQuotaAfter();
        usedQuota = event.usedQuotaAfter();
        requestCount = event.requestCountAfter();
    }

    @EventSourcingHandler
    void on(UsageSettledEvent event) {
        quota = event.userQuotaAfter();
        usedQuota = event.usedQuotaAfter();
        requestCount = event.requestCountAfter();
    }
}
