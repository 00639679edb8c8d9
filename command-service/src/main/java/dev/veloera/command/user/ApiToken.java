package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.catalog.AllowedAddresses;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.CreateApiTokenCommand;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.ApiTokenDeletedEvent;
import dev.veloera.contracts.user.ApiTokenStatusChangedEvent;
import dev.veloera.contracts.user.ApiTokenUpdatedEvent;
import dev.veloera.contracts.user.ChangeApiTokenStatusCommand;
import dev.veloera.contracts.user.DeleteApiTokenCommand;
import dev.veloera.contracts.user.UpdateApiTokenCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.veloera.command.user.UserAccountException.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API token of a {@link UserAccount}: only what a lease or reservation decides on. The key itself is
 * never here (the lookup table holds its hash).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class ApiToken {

    @EntityId
    private long tokenId;
    private int status;
    /** Epoch seconds, -1 for never. */
    private long expiredTime;
    private long remainQuota;
    private long usedQuota;
    private boolean unlimitedQuota;
    private boolean modelLimitsEnabled;
    private List<String> modelLimits = new ArrayList<>();
    /** Deleted tokens stay (settlements may still name them) but answer as absent and are never usable. */
    private boolean deleted;

    ApiToken() {
    }

    ApiToken(ApiTokenCreatedEvent event) {
        this.tokenId = event.tokenId();
        this.status = Status.ENABLED;
        this.expiredTime = event.expiredTime();
        this.remainQuota = event.remainQuota();
        this.unlimitedQuota = event.unlimitedQuota();
        this.modelLimitsEnabled = event.modelLimitsEnabled();
        this.modelLimits = event.modelLimits() == null ? new ArrayList<>() : new ArrayList<>(event.modelLimits());
    }

    /** The creation of a token as {@code command} asks, once its fields are checked. */
    static ApiTokenCreatedEvent creation(String userId, CreateApiTokenCommand command, Instant now) {
        require(command.keyHash() != null && !command.keyHash().isBlank(), "the key hash is required");
        require(command.name() != null && command.name().length() <= 50, "the token name must be at most 50 characters");
        require(command.remainQuota() >= 0, "remain_quota must not be negative");
        require(command.expiredTime() == -1 || command.expiredTime() > now.getEpochSecond(),
                "expired_time must be -1 (never) or in the future");
        require(AllowedAddresses.isValid(command.allowIps()), AllowedAddresses.INVALID);
        return new ApiTokenCreatedEvent(userId, command.tokenId(), command.name(), command.keyHash(),
                command.maskedKey(), now.getEpochSecond(), command.expiredTime(), command.remainQuota(),
                command.unlimitedQuota(), command.modelLimitsEnabled(),
                command.modelLimits() == null ? List.of() : command.modelLimits(), command.allowIps(),
                command.group(), command.actor());
    }

    /**
     * The edit of this token as {@code command} asks (called by {@link UserAccount}, which knows the user's group).
     * Only the owner edits a token: another user's token id is not found, as in Veloera.
     */
    ApiTokenUpdatedEvent update(UpdateApiTokenCommand command, String userGroup, TokenGroups groups) {
        requireOwner(command.userId(), command.actor());
        require(command.name() != null && command.name().length() <= 50, "the token name must be at most 50 characters");
        require(command.remainQuota() >= 0, "remain_quota must not be negative");
        require(command.expiredTime() == -1 || command.expiredTime() > 0, "expired_time must be -1 (never) or epoch seconds");
        require(AllowedAddresses.isValid(command.allowIps()), AllowedAddresses.INVALID);
        String group = command.group() == null ? "" : command.group().strip();
        groups.requireUsable(group, userGroup);
        return new ApiTokenUpdatedEvent(command.userId(), tokenId, command.name(), command.expiredTime(),
                command.remainQuota(), command.unlimitedQuota(), command.modelLimitsEnabled(),
                command.modelLimits() == null ? List.of() : List.copyOf(command.modelLimits()),
                command.allowIps() == null ? "" : command.allowIps().strip(), group, command.actor());
    }

    /** Enable or disable; an expired token cannot be enabled (Veloera's rule and message); the same status is a no-op. */
    @CommandHandler
    void handle(ChangeApiTokenStatusCommand command) {
        requireOwner(command.userId(), command.actor());
        require(command.status() == Status.ENABLED || command.status() == Status.DISABLED,
                "status must be 1 (enabled) or 2 (disabled)");
        long now = GenericEventMessage.clock.instant().getEpochSecond();
        if (command.status() == Status.ENABLED && expiredTime != -1 && expiredTime <= now) {
            throw UserAccountException.invalid("令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期");
        }
        if (command.status() != status) {
            apply(new ApiTokenStatusChangedEvent(command.userId(), tokenId, status, command.status(), command.actor()));
        }
    }

    @CommandHandler
    void handle(DeleteApiTokenCommand command) {
        requireOwner(command.userId(), command.actor());
        apply(new ApiTokenDeletedEvent(command.userId(), tokenId, command.actor()));
    }

    /** A deleted token, or a caller who is not its owner, sees no token at all. */
    private void requireOwner(String userId, dev.veloera.contracts.common.Actor actor) {
        if (deleted || actor == null || !String.valueOf(actor.userId()).equals(userId)) {
            throw UserAccountException.notFound("token " + tokenId + " not found");
        }
    }

    boolean deleted() {
        return deleted;
    }

    /** Refuses a disabled, deleted or expired token. */
    void checkActive(Instant now) {
        if (deleted) {
            throw UserAccountException.refused(GatewayError.INVALID_API_KEY, "no such API token");
        }
        if (status != Status.ENABLED) {
            throw UserAccountException.refused(GatewayError.INVALID_API_KEY, "the API token is disabled");
        }
        if (expiredTime != -1 && expiredTime <= now.getEpochSecond()) {
            throw UserAccountException.refused(GatewayError.INVALID_API_KEY, "the API token has expired");
        }
    }

    /** Refuses a model outside the token's limits. */
    void checkModel(String model) {
        if (modelLimitsEnabled && (model == null || !modelLimits.contains(model))) {
            throw UserAccountException.refused(GatewayError.MODEL_NOT_ALLOWED,
                    "the API token may not use model " + model);
        }
    }

    /** What the token can still give once {@code held} is held from it: without limit when unlimited. */
    long available(long held) {
        return unlimitedQuota ? Long.MAX_VALUE : remainQuota - held;
    }

    /** A settlement's balances for this token ({@code UsageSettledEvent} names tokens in a list). */
    void settled(TokenBalance balance) {
        remainQuota = balance.remainQuotaAfter();
        usedQuota = balance.usedQuotaAfter();
    }

    long remainQuota() {
        return remainQuota;
    }

    long usedQuota() {
        return usedQuota;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiToken t && tokenId == t.tokenId && status == t.status && expiredTime == t.expiredTime
                && remainQuota == t.remainQuota && usedQuota == t.usedQuota && unlimitedQuota == t.unlimitedQuota
                && modelLimitsEnabled == t.modelLimitsEnabled && Objects.equals(modelLimits, t.modelLimits)
                && deleted == t.deleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenId, status, expiredTime, remainQuota, usedQuota, unlimitedQuota, modelLimitsEnabled, modelLimits,
                deleted);
    }

    @EventSourcingHandler
    void on(ApiTokenUpdatedEvent event) {
        expiredTime = event.expiredTime();
        remainQuota = event.remainQuota();
        unlimitedQuota = event.unlimitedQuota();
        modelLimitsEnabled = event.modelLimitsEnabled();
        modelLimits = event.modelLimits() == null ? new ArrayList<>() : new ArrayList<>(event.modelLimits());
    }

    @EventSourcingHandler
    void on(ApiTokenStatusChangedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(ApiTokenDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(QuotaReservedEvent event) {
        remainQuota = event.tokenRemainQuotaAfter();
    }

    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        remainQuota = event.tokenRemainQuotaAfter();
        usedQuota = event.tokenUsedQuotaAfter();
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        remainQuota = event.tokenRemainQuotaAfter();
    }
}
