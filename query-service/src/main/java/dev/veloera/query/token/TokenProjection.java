package dev.veloera.query.token;

import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.ApiTokenDeletedEvent;
import dev.veloera.contracts.user.ApiTokenStatusChangedEvent;
import dev.veloera.contracts.user.ApiTokenUpdatedEvent;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.query.user.UserProjection;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.catalog.CatalogOrder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tokens} table: the key's hash (what the relay looks keys up by) and its masked
 * form; the full key never reaches the read side. In the {@code users} processing group so a
 * token row is never written before its user row. Balances ({@code remain_quota},
 * {@code used_quota}) are copied from the events' {@code …After} fields, so handling an event
 * twice or replaying the stream yields the same rows.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class TokenProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public TokenProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(ApiTokenCreatedEvent event, @Timestamp Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", event.tokenId());
        p.put("userId", Long.parseLong(event.userId()));
        p.put("keyHash", event.keyHash());
        p.put("keyMask", event.maskedKey());
        p.put("status", Status.ENABLED);
        p.put("name", event.name());
        p.put("createdTime", event.createdTime());
        p.put("expiredTime", event.expiredTime());
        p.put("remainQuota", event.remainQuota());
        p.put("unlimitedQuota", event.unlimitedQuota());
        p.put("modelLimitsEnabled", event.modelLimitsEnabled());
        p.put("modelLimits", joined(event.modelLimits()));
        p.put("allowIps", event.allowIps() == null ? "" : event.allowIps());
        p.put("group", event.group() == null ? "" : event.group());
        p.put("at", engine.timestamp(at));
        int updated = jdbc.sql("""
                        UPDATE tokens SET user_id = :userId, key_hash = :keyHash, key_mask = :keyMask, status = :status,
                               name = :name, created_time = :createdTime, accessed_time = :createdTime,
                               expired_time = :expiredTime, remain_quota = :remainQuota,
                               unlimited_quota = :unlimitedQuota, used_quota = 0,
                               model_limits_enabled = :modelLimitsEnabled, model_limits = :modelLimits,
                               allow_ips = :allowIps, group_name = :group, created_at = :at, deleted_at = NULL,
                               """ + engine.touchUpdatedAt() + """
                        WHERE id = :id""")
                .params(p)
                .params(engine.touchParameters(at))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO tokens (id, user_id, key_hash, key_mask, status, name, created_time, accessed_time,
                                                expired_time, remain_quota, unlimited_quota, used_quota,
                                                model_limits_enabled, model_limits, allow_ips, group_name,
                                                created_at, updated_at)
                            VALUES (:id, :userId, :keyHash, :keyMask, :status, :name, :createdTime, :createdTime,
                                    :expiredTime, :remainQuota, :unlimitedQuota, 0, :modelLimitsEnabled,
                                    :modelLimits, :allowIps, :group, :at, :at)""")
                    .params(p)
                    .update();
        }
    }

    @EventHandler
    public void on(ApiTokenUpdatedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE tokens SET name = :name, expired_time = :expiredTime, remain_quota = :remainQuota,
                               unlimited_quota = :unlimitedQuota, model_limits_enabled = :modelLimitsEnabled,
                               model_limits = :modelLimits, allow_ips = :allowIps, group_name = :group,
                               """ + engine.touchUpdatedAt() + """
                        WHERE id = :id AND user_id = :userId""")
                .param("name", event.name())
                .param("expiredTime", event.expiredTime())
                .param("remainQuota", event.remainQuota())
                .param("unlimitedQuota", event.unlimitedQuota())
                .param("modelLimitsEnabled", event.modelLimitsEnabled())
                .param("modelLimits", joined(event.modelLimits()))
                .param("allowIps", event.allowIps() == null ? "" : event.allowIps())
                .param("group", event.group() == null ? "" : event.group())
                .param("id", event.tokenId())
                .param("userId", Long.parseLong(event.userId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(ApiTokenStatusChangedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE tokens SET status = :status, " + engine.touchUpdatedAt()
                        + " WHERE id = :id AND user_id = :userId")
                .param("status", event.status())
                .param("id", event.tokenId())
                .param("userId", Long.parseLong(event.userId()))
                .params(engine.touchParameters(at))
                .update();
    }

    /** Soft delete, as Veloera's GORM model: the row stays for the logs that name it. */
    @EventHandler
    public void on(ApiTokenDeletedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE tokens SET deleted_at = :deletedAt, " + engine.touchUpdatedAt()
                        + " WHERE id = :id AND user_id = :userId")
                .param("deletedAt", engine.timestamp(at))
                .param("id", event.tokenId())
                .param("userId", Long.parseLong(event.userId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(QuotaReservedEvent event, @Timestamp Instant at) {
        setRemainQuota(event.userId(), event.tokenId(), event.tokenRemainQuotaAfter(), at);
    }

    @EventHandler
    public void on(ReservationExpiredEvent event, @Timestamp Instant at) {
        setRemainQuota(event.userId(), event.tokenId(), event.tokenRemainQuotaAfter(), at);
    }

    @EventHandler
    public void on(ReservationSettledEvent event, @Timestamp Instant at) {
        setBalances(event.userId(), new TokenBalance(event.tokenId(), event.tokenRemainQuotaAfter(),
                event.tokenUsedQuotaAfter()), at);
    }

    /** Every token a settlement charged; quota leases change no token row (a hold is not a balance). */
    @EventHandler
    public void on(UsageSettledEvent event, @Timestamp Instant at) {
        event.tokens().forEach(balance -> setBalances(event.userId(), balance, at));
    }

    private void setBalances(String userId, TokenBalance balance, Instant at) {
        jdbc.sql("""
                        UPDATE tokens SET remain_quota = :remainQuota, used_quota = :usedQuota,
                               accessed_time = :accessedTime, """ + engine.touchUpdatedAt() + """
                        WHERE id = :id AND user_id = :userId""")
                .param("remainQuota", balance.remainQuotaAfter())
                .param("usedQuota", balance.usedQuotaAfter())
                .param("accessedTime", at.getEpochSecond())
                .param("id", balance.tokenId())
                .param("userId", Long.parseLong(userId))
                .params(engine.touchParameters(at))
                .update();
    }

    private void setRemainQuota(String userId, long tokenId, long remainQuota, Instant at) {
        jdbc.sql("UPDATE tokens SET remain_quota = :remainQuota, " + engine.touchUpdatedAt()
                        + " WHERE id = :id AND user_id = :userId")
                .param("remainQuota", remainQuota)
                .param("id", tokenId)
                .param("userId", Long.parseLong(userId))
                .params(engine.touchParameters(at))
                .update();
    }

    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM tokens").update();
    }

    static String joined(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }
}
