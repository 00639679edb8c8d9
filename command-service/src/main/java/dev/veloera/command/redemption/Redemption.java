package dev.veloera.command.redemption;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.redemption.ChangeRedemptionStatusCommand;
import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.CreateRedemptionCommand;
import dev.veloera.contracts.redemption.DeleteRedemptionCommand;
import dev.veloera.contracts.redemption.RedeemCodeCommand;
import dev.veloera.contracts.redemption.RedemptionCreatedEvent;
import dev.veloera.contracts.redemption.RedemptionDeletedEvent;
import dev.veloera.contracts.redemption.RedemptionStatus;
import dev.veloera.contracts.redemption.RedemptionStatusChangedEvent;
import dev.veloera.contracts.redemption.RedemptionUpdatedEvent;
import dev.veloera.contracts.redemption.UpdateRedemptionCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static dev.veloera.command.redemption.RedemptionException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A redemption code. A normal code is used once; a gift code once per user, at most {@code maxUses} times
 * (−1 unlimited); both only inside their validity window and while enabled. Uses are decided here one at a
 * time per code, so racing redeemers collide on the event store's (aggregate, sequence) key and the loser is
 * retried against the new count.
 */
@Aggregate
public class Redemption {

    static final int UNLIMITED = -1;

    @AggregateIdentifier
    private String redemptionId;
    private long quota;
    private int maxUses;
    private long validFrom;
    private long validUntil;
    private boolean gift;
    private int status;
    private int usedCount;
    private Set<Long> users = new HashSet<>();
    private boolean deleted;

    protected Redemption() {
    }

    @CommandHandler
    public Redemption(CreateRedemptionCommand command) {
        requireAdmin(command.actor());
        requireFields(command.name(), command.quota(), command.validFrom(), command.validUntil());
        require(command.key() != null && !command.key().isBlank() && command.key().length() <= 32,
                "兑换码内容长度必须在1-32之间");
        require(command.maxUses() == UNLIMITED || command.maxUses() >= 1,
                "max_uses must be -1 (unlimited) or at least 1");
        apply(new RedemptionCreatedEvent(command.redemptionId(), command.name().strip(), command.key(),
                command.quota(), command.maxUses(), command.validFrom(), command.validUntil(), command.gift(),
                now(), command.actor()));
    }

    @CommandHandler
    CodeRedeemedEvent handle(RedeemCodeCommand command) {
        if (deleted) {
            throw RedemptionException.notFound();
        }
        long now = now();
        if (validFrom > 0 && now < validFrom) {
            throw RedemptionException.refused("redemption_not_yet_valid", 400, "兑换码尚未生效");
        }
        if (validUntil > 0 && now > validUntil) {
            throw RedemptionException.refused("redemption_expired", 400, "兑换码已过期");
        }
        if (status == RedemptionStatus.DISABLED) {
            throw RedemptionException.refused("redemption_disabled", 400, "该兑换码已被禁用");
        }
        if (!gift && usedCount > 0) {
            throw RedemptionException.refused("redemption_used", 409, "该兑换码已被使用");
        }
        if (gift && maxUses != UNLIMITED && usedCount >= maxUses) {
            throw RedemptionException.refused("redemption_used", 409, "该礼品码已达到最大使用次数");
        }
        if (gift && users.contains(command.userId())) {
            throw RedemptionException.refused("redemption_used_by_you", 409, "您已经使用过这个礼品码");
        }
        int usedAfter = usedCount + 1;
        CodeRedeemedEvent redeemed = new CodeRedeemedEvent(redemptionId, command.userId(), quota, gift, usedAfter,
                usedUp(usedAfter) ? RedemptionStatus.USED : status, now, command.actor());
        apply(redeemed);
        return redeemed;
    }

    @CommandHandler
    void handle(UpdateRedemptionCommand command) {
        requireAdmin(command.actor());
        requireExists();
        requireFields(command.name(), command.quota(), command.validFrom(), command.validUntil());
        apply(new RedemptionUpdatedEvent(redemptionId, command.name().strip(), command.quota(), command.validFrom(),
                command.validUntil(), command.actor()));
    }

    /** Enable or disable; a used-up code stays used (enabling it again would let a normal code be used twice). */
    @CommandHandler
    void handle(ChangeRedemptionStatusCommand command) {
        requireAdmin(command.actor());
        requireExists();
        require(command.status() == RedemptionStatus.ENABLED || command.status() == RedemptionStatus.DISABLED,
                "status must be 1 (enabled) or 2 (disabled)");
        int current = usedUp(usedCount) ? RedemptionStatus.USED : status;
        if (current == RedemptionStatus.USED && command.status() == RedemptionStatus.ENABLED) {
            throw new RedemptionException("redemption_used", 409, "the code is used up and cannot be enabled again");
        }
        if (command.status() == current) {
            return;
        }
        apply(new RedemptionStatusChangedEvent(redemptionId, current, command.status(), command.actor()));
    }

    @CommandHandler
    void handle(DeleteRedemptionCommand command) {
        requireAdmin(command.actor());
        requireExists();
        apply(new RedemptionDeletedEvent(redemptionId, now(), command.actor()));
    }

    @EventSourcingHandler
    void on(RedemptionCreatedEvent event) {
        redemptionId = event.redemptionId();
        quota = event.quota();
        maxUses = event.maxUses();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
        gift = event.gift();
        status = RedemptionStatus.ENABLED;
    }

    @EventSourcingHandler
    void on(CodeRedeemedEvent event) {
        usedCount = event.usedCountAfter();
        status = event.statusAfter();
        if (gift) {
            users.add(event.userId());
        }
    }

    @EventSourcingHandler
    void on(RedemptionUpdatedEvent event) {
        quota = event.quota();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(RedemptionStatusChangedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(RedemptionDeletedEvent event) {
        deleted = true;
    }

    private boolean usedUp(int uses) {
        return gift ? maxUses != UNLIMITED && uses >= maxUses : uses > 0;
    }

    private void requireExists() {
        if (deleted) {
            throw new RedemptionException("redemption_not_found", 404, "no such redemption code");
        }
    }

    private static void requireAdmin(Actor actor) {
        if (actor == null || !actor.isAdmin()) {
            throw RedemptionException.forbidden("only an admin may manage redemption codes");
        }
    }

    /** Veloera's rules for what an admin may set: a name of 1 to 20 characters, a window that is one. */
    static void requireFields(String name, long quota, long validFrom, long validUntil) {
        require(name != null && !name.isBlank() && name.strip().length() <= 20, "兑换码名称长度必须在1-20之间");
        require(quota > 0, "quota must be positive");
        require(validFrom >= 0 && validUntil >= 0, "valid_from and valid_until are epoch seconds (0 for none)");
        require(validFrom == 0 || validUntil == 0 || validFrom < validUntil, "生效时间必须早于过期时间");
    }

    private static long now() {
        return GenericEventMessage.clock.instant().getEpochSecond();
    }
}
