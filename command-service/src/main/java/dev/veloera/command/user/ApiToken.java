package dev.veloera.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.CreateApiTokenCommand;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.TokenBalance;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.veloera.command.user.UserAccountException.require;

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
        return new ApiTokenCreatedEvent(userId, command.tokenId(), command.name(), command.keyHash(),
                command.maskedKey(), now.getEpochSecond(), command.expiredTime(), command.remainQuota(),
                command.unlimitedQuota(), command.modelLimitsEnabled(),
                command.modelLimits() == null ? List.of() : command.modelLimits(), command.allowIps(),
                command.group(), command.actor());
    }


    /** Refuses a disabled or expired token. */
    void checkActive(Instant now) {
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
                && modelLimitsEnabled == t.modelLimitsEnabled && Objects.equals(modelLimits, t.modelLimits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenId, status, expiredTime, remainQuota, usedQuota, unlimitedQuota, modelLimitsEnabled, modelLimits);
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
