package dev.veloera.query.topup;

import dev.veloera.contracts.topup.TopUpCancelledEvent;
import dev.veloera.contracts.topup.TopUpIds;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.topup.TopUpStatus;
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
 * {@code topups}: one row per order, its status copied from the order's events. In the users' processing group
 * because a top-up references its user (the row exists first, and a replay of the group rebuilds both).
 * {@code amount} is what the user asked for (Veloera's units), {@code money} what it cost, {@code quota} what it
 * credits.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class TopUpProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;

    public TopUpProjection(JdbcClient jdbc, DatabaseEngine engine) {
        this.jdbc = jdbc;
        this.engine = engine;
    }

    @EventHandler
    public void on(TopUpOrderPlacedEvent event, @Timestamp Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", TopUpIds.numericId(event.topUpId()));
        p.put("userId", event.userId());
        p.put("amount", event.amount());
        p.put("money", event.money());
        p.put("quota", event.quota());
        p.put("tradeNo", event.tradeNo());
        p.put("method", event.paymentMethod());
        p.put("createdTime", event.createdTime());
        p.put("at", engine.timestamp(at));
        int updated = jdbc.sql("""
                        UPDATE topups SET user_id = :userId, amount = :amount, money = :money, quota = :quota,
                               trade_no = :tradeNo, status = 1, payment_method = :method, created_time = :createdTime,
                               paid_time = 0, created_at = :at, updated_at = :at
                        WHERE id = :id""")
                .params(p).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO topups (id, user_id, amount, money, quota, trade_no, status, payment_method,
                                                created_time, paid_time, created_at, updated_at)
                            VALUES (:id, :userId, :amount, :money, :quota, :tradeNo, 1, :method, :createdTime, 0,
                                    :at, :at)""")
                    .params(p).update();
        }
    }

    @EventHandler
    public void on(TopUpPaidEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE topups SET status = :status, paid_time = :paidTime, " + engine.touchUpdatedAt()
                        + " WHERE id = :id")
                .param("status", TopUpStatus.PAID)
                .param("paidTime", event.paidTime())
                .param("id", TopUpIds.numericId(event.topUpId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @EventHandler
    public void on(TopUpCancelledEvent event, @Timestamp Instant at) {
        jdbc.sql("UPDATE topups SET status = :status, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("status", TopUpStatus.CANCELLED)
                .param("id", TopUpIds.numericId(event.topUpId()))
                .params(engine.touchParameters(at))
                .update();
    }

    @ResetHandler
    public void reset() {
        jdbc.sql("DELETE FROM topups").update();
    }
}
