package dev.veloera.query.user;

import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
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

/**
 * The {@code users} table. Balances are copied from the events' {@code …After} fields, never
 * computed, so handling an event twice or replaying the stream yields the same rows. Shares its
 * processing group with {@code TokenProjection}: tokens reference users, and one processor keeps
 * both in event order and in one transaction. Ordered before the group's catalog publication, which reads the rows
 * written here ({@link CatalogOrder}).
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class UserProjection {

    public static final String GROUP = "user-accounts";

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public UserProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(UserRegisteredEvent event, @Timestamp Instant at) {
        Object time = engine.timestamp(at);
        int updated = jdbc.sql("""
                        UPDATE users SET username = :username, password = :password, display_name = :displayName,
                               role = :role, status = :status, group_name = :group, aff_code = :affCode,
                               inviter_id = :inviterId, quota = :quota, used_quota = 0, request_count = 0,
                               aff_count = 0, aff_quota = 0, aff_history_quota = 0, access_token = NULL,
                               created_at = :at, deleted_at = NULL, """ + engine.touchUpdatedAt() + """
                        WHERE id = :id""")
                .params(registration(event))
                .params(engine.touchParameters(at))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO users (id, username, password, display_name, role, status, group_name, aff_code,
                                               inviter_id, quota, used_quota, request_count, aff_count, aff_quota,
                                               aff_history_quota, created_at, updated_at)
                            VALUES (:id, :username, :password, :displayName, :role, :status, :group, :affCode,
                                    :inviterId, :quota, 0, 0, 0, 0, 0, :at, :at)""")
                    .params(registration(event))
                    .param("at", time)
                    .update();
        }
    }

    private static java.util.Map<String, Object> registration(UserRegisteredEvent event) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", Long.parseLong(event.userId()));
        p.put("username", event.username());
        p.put("password", event.passwordHash() == null ? "" : event.passwordHash());
        p.put("displayName", event.displayName() == null || event.displayName().isBlank()
                ? event.username() : event.displayName());
        p.put("role", event.role());
        p.put("status", event.status() == 0 ? Status.ENABLED : event.status());
        p.put("group", event.group() == null || event.group().isBlank() ? "default" : event.group());
        p.put("affCode", event.affCode());
        p.put("inviterId", event.inviterId());
        p.put("quota", event.quota());
        return p;
    }

    @EventHandler
    public void on(AccessTokenIssuedEvent event, @Timestamp Instant at) {
        // stored before tokens were hashed: the read model keeps only the hash (AccessTokenReplacedEvent since)
        jdbc.sql("UPDATE users SET access_token = :token, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("token", dev.veloera.contracts.user.AccessTokenHash.of(event.accessToken()))
                .param("id", Long.parseLong(event.userId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(UserQuotaSetEvent event, @Timestamp Instant at) {
        setQuota(event.userId(), event.quota(), at);
    }

    @EventHandler
    public void on(QuotaReservedEvent event, @Timestamp Instant at) {
        setQuota(event.userId(), event.userQuotaAfter(), at);
    }

    @EventHandler
    public void on(ReservationExpiredEvent event, @Timestamp Instant at) {
        setQuota(event.userId(), event.userQuotaAfter(), at);
    }

    @EventHandler
    public void on(ReservationSettledEvent event, @Timestamp Instant at) {
        setBalances(event.userId(), event.userQuotaAfter(), event.usedQuotaAfter(), event.requestCountAfter(), at);
    }

    /** Quota leases do not show here: a hold changes no balance, and usage is charged when settled. */
    @EventHandler
    public void on(UsageSettledEvent event, @Timestamp Instant at) {
        setBalances(event.userId(), event.userQuotaAfter(), event.usedQuotaAfter(), event.requestCountAfter(), at);
    }

    private void setBalances(String userId, long quota, long usedQuota, long requestCount, Instant at) {
        jdbc.sql("UPDATE users SET quota = :quota, used_quota = :usedQuota, request_count = :requestCount, "
                        + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("quota", quota)
                .param("usedQuota", usedQuota)
                .param("requestCount", requestCount)
                .param("id", Long.parseLong(userId))
                .params(engine.touchParameters(at))
                .update();
    }

    private void setQuota(String userId, long quota, Instant at) {
        jdbc.sql("UPDATE users SET quota = :quota, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("quota", quota)
                .param("id", Long.parseLong(userId))
                .params(engine.touchParameters(at))
                .update();
    }

    /** A replay starts from empty tables; tokens go first because they reference users. */
    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM tokens").update();
        jdbc.sql("DELETE FROM users").update();
    }
}
