package dev.veloera.command.topup;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.topup.ConfirmTopUpPaymentCommand;
import dev.veloera.contracts.topup.PlaceTopUpOrderCommand;
import dev.veloera.contracts.topup.TopUpCancelledEvent;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.topup.TopUpStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;

import static dev.veloera.command.topup.TopUpException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A top-up order: pending, then paid or cancelled, never both and never twice. However many payment
 * notifications arrive (providers resend until answered), the first decides and the rest are no-ops; they
 * race on this aggregate's (aggregate, sequence) key. Unpaid orders end by a persistent deadline.
 */
@Aggregate
public class TopUp {

    static final String EXPIRY = "topup-expiry";

    @AggregateIdentifier
    private String topUpId;
    private long userId;
    private String tradeNo;
    private BigDecimal money;
    private long quota;
    private int status;
    private String expiryDeadlineId;

    protected TopUp() {
    }

    @CommandHandler
    public TopUp(PlaceTopUpOrderCommand command, DeadlineManager deadlines) {
        require(command.actor() != null && (command.actor().isSystem() || command.actor().userId() == command.userId()),
                "an order is placed by its user");
        require(command.quota() > 0 && command.amount() > 0, "an order buys a positive amount");
        require(command.money() != null && command.money().signum() > 0, "an order costs money");
        require(command.tradeNo() != null && !command.tradeNo().isBlank(), "an order has a trade number");
        String deadlineId = deadlines.schedule(Instant.ofEpochMilli(command.expiresAt()), EXPIRY,
                new TopUpExpiry(command.topUpId()));
        apply(new TopUpOrderPlacedEvent(command.topUpId(), command.userId(), command.tradeNo(), command.amount(),
                command.money(), command.quota(), command.paymentMethod(), now().getEpochSecond(),
                command.expiresAt(), deadlineId, command.actor()));
    }

    /** The first notification pays the order; a repeated one answers null (nothing to do, nothing to credit). */
    @CommandHandler
    TopUpPaidEvent handle(ConfirmTopUpPaymentCommand command, DeadlineManager deadlines) {
        if (status == TopUpStatus.PAID) {
            return null;
        }
        if (status == TopUpStatus.CANCELLED) {
            throw new TopUpException("topup_cancelled", 409, "order " + tradeNo
                    + " was cancelled unpaid before this payment arrived; refund it or credit the user by hand");
        }
        if (command.money() == null || command.money().compareTo(money) != 0) {
            throw new TopUpException("topup_money_mismatch", 400, "order " + tradeNo + " costs " + money.toPlainString()
                    + ", the notification says " + (command.money() == null ? "nothing" : command.money().toPlainString()));
        }
        deadlines.cancelSchedule(EXPIRY, expiryDeadlineId);
        TopUpPaidEvent paid = new TopUpPaidEvent(topUpId, userId, tradeNo, quota, money, command.providerTradeNo(),
                now().getEpochSecond(), command.actor());
        apply(paid);
        return paid;
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void on(TopUpExpiry expiry) {
        if (status == TopUpStatus.PENDING) {
            apply(new TopUpCancelledEvent(topUpId, userId, tradeNo, "expired", now().getEpochSecond(), Actor.SYSTEM));
        }
    }

    @EventSourcingHandler
    void on(TopUpOrderPlacedEvent event) {
        topUpId = event.topUpId();
        userId = event.userId();
        tradeNo = event.tradeNo();
        money = event.money();
        quota = event.quota();
        status = TopUpStatus.PENDING;
        expiryDeadlineId = event.expiryDeadlineId();
    }

    @EventSourcingHandler
    void on(TopUpPaidEvent event) {
        status = TopUpStatus.PAID;
    }

    @EventSourcingHandler
    void on(TopUpCancelledEvent event) {
        status = TopUpStatus.CANCELLED;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
