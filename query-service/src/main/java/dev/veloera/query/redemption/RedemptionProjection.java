package dev.veloera.query.redemption;

import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.RedemptionCreatedEvent;
import dev.veloera.contracts.redemption.RedemptionDeletedEvent;
import dev.veloera.contracts.redemption.RedemptionIds;
import dev.veloera.contracts.redemption.RedemptionStatusChangedEvent;
import dev.veloera.contracts.redemption.RedemptionUpdatedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.user.UserProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code redemptions} and {@code redemption_logs}. In the users' processing group because a redemption log
 * references its user: one processor keeps them in event order (the user row exists before its uses), and a
 * replay of the group rebuilds users and their redemption logs together. Counts and statuses are copied from
 * the events, never added up.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class RedemptionProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public RedemptionProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(RedemptionCreatedEvent event, @Timestamp Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", RedemptionIds.numericId(event.redemptionId()));
        p.put("userId", event.actor().userId());
        p.put("key", event.key());
        p.put("name", event.name());
        p.put("quota", event.quota());
        p.put("createdTime", event.createdTime());
        p.put("gift", event.gift());
        p.put("maxUses", event.maxUses());
        p.put("validFrom", event.validFrom());
        p.put("validUntil", event.validUntil());
        p.put("at", engine.timestamp(at));
        int updated = jdbc.sql("""
                        UPDATE redemptions SET user_id = :userId, key_value = :key, status = 1, name = :name,
                               quota = :quota, created_time = :createdTime, redeemed_time = 0, used_user_id = 0,
                               is_gift = :gift, max_uses = :maxUses, used_count = 0, valid_from = :validFrom,
                               valid_until = :validUntil, deleted_at = NULL, created_at = :at, updated_at = :at
                        WHERE id = :id""")
                .params(p).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO redemptions (id, user_id, key_value, status, name, quota, created_time,
                                                     redeemed_time, used_user_id, is_gift, max_uses, used_count,
                                                     valid_from, valid_until, created_at, updated_at)
                            VALUES (:id, :userId, :key, 1, :name, :quota, :createdTime, 0, 0, :gift, :maxUses, 0,
                                    :validFrom, :validUntil, :at, :at)""")
                    .params(p).update();
        }
    }

    /** The code's figures after the use, and one {@code redemption_logs} row per use (written once). */
    @EventHandler
    public void on(CodeRedeemedEvent event, @Timestamp Instant at) {
        long id = RedemptionIds.numericId(event.redemptionId());
        jdbc.sql("UPDATE redemptions SET used_count = :usedCount, status = :status, redeemed_time = :time,"
                        + " used_user_id = :userId, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("usedCount", event.usedCountAfter())
                .param("status", event.statusAfter())
                .param("time", event.redeemedTime())
                .param("userId", event.userId())
                .param("id", id)
                .params(engine.touchParameters(at))
                .update();
        long existing = jdbc.sql("SELECT COUNT(*) FROM redemption_logs WHERE redemption_id = ? AND user_id = ?"
                        + " AND used_time = ?")
                .params(id, event.userId(), event.redeemedTime()).query(Long.class).single();
        if (existing == 0) {
            jdbc.sql("INSERT INTO redemption_logs (redemption_id, user_id, used_time, created_at) VALUES (?, ?, ?, ?)")
                    .params(id, event.userId(), event.redeemedTime(), engine.timestamp(at))
                    .update();
        }
    }

    @EventHandler
    public void on(RedemptionUpdatedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE redemptions SET name = :name, quota = :quota, valid_from = :validFrom,"
                        + " valid_until = :validUntil, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("name", event.name())
                .param("quota", event.quota())
                .param("validFrom", event.validFrom())
                .param("validUntil", event.validUntil())
                .param("id", RedemptionIds.numericId(event.redemptionId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(RedemptionStatusChangedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE redemptions SET status = :status, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("status", event.status())
                .param("id", RedemptionIds.numericId(event.redemptionId()))
                .params(engine.touchParameters(at))
                .update();
    }

    /** Soft-deleted as in Veloera: the row and its logs stay, the lists leave it out. */
    @EventHandler
    public void on(RedemptionDeletedEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE redemptions SET deleted_at = :deletedAt, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("deletedAt", engine.timestamp(at))
                .param("id", RedemptionIds.numericId(event.redemptionId()))
                .params(engine.touchParameters(at))
                .update();
    }

    /** Logs reference codes, so they go first. */
    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM redemption_logs").update();
        jdbc.sql("DELETE FROM redemptions").update();
    }
}
