package dev.veloera.command.topup;

import dev.veloera.command.config.LookupTables;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code cmd_topup}: inserting a trade number claims it and allocates the top-up id, in the transaction that
 * places the order; a payment notification finds its order here by trade number.
 */
@Component
public class TopUpOrders {

    record Order(long id, long userId) {
    }

    private final LookupTables tables;

    TopUpOrders(LookupTables tables) {
        this.tables = tables;
    }

    long claim(String tradeNo, long userId) {
        return tables.insertReturningId("INSERT INTO cmd_topup (trade_no, user_id) VALUES (?, ?)", "topup_id",
                tradeNo, userId);
    }

    Optional<Order> byTradeNo(String tradeNo) {
        List<Order> orders = tables.jdbc().query("SELECT topup_id, user_id FROM cmd_topup WHERE trade_no = ?",
                (rs, n) -> new Order(rs.getLong(1), rs.getLong(2)), tradeNo);
        return orders.stream().findFirst();
    }
}
