package dev.veloera.query.topup;

import dev.veloera.contracts.api.ApiResponse;
import dev.veloera.contracts.topup.TopUpStatus;
import dev.veloera.query.auth.Caller;
import dev.veloera.query.web.ApiException;
import dev.veloera.query.web.Page;
import dev.veloera.query.web.PageRequest;
import dev.veloera.query.web.SqlFilter;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Top-up orders, newest first: every order for admins ({@code user_id}, {@code status} filters), one's own for a user. */
@RestController
@RequestMapping("/api/topup")
class TopUpController {

    private static final RowMapper<TopUpView> ORDER = (rs, n) -> new TopUpView(rs.getLong("id"), rs.getLong("user_id"),
            rs.getLong("amount"), cents(rs.getBigDecimal("money")), rs.getLong("quota"), rs.getString("trade_no"),
            TopUpStatus.word(rs.getInt("status")), rs.getString("payment_method"), rs.getLong("created_time"),
            rs.getLong("paid_time"));

    private final JdbcClient jdbc;

    TopUpController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping({"", "/"})
    ApiResponse<Page<TopUpView>> all(Caller caller, @RequestParam(name = "user_id", required = false) Long userId,
                                     @RequestParam(name = "status", required = false) String status,
                                     @RequestParam(name = "p", required = false) Integer p,
                                     @RequestParam(name = "page_size", required = false) Integer pageSize) {
        caller.requireAdmin();
        return ApiResponse.ok(page(new SqlFilter().and("user_id = ?", userId).and("status = ?", status(status)),
                PageRequest.of(p, pageSize)));
    }

    @GetMapping("/self")
    ApiResponse<Page<TopUpView>> mine(Caller caller, @RequestParam(name = "p", required = false) Integer p,
                                      @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return ApiResponse.ok(page(new SqlFilter().and("user_id = ?", caller.id()), PageRequest.of(p, pageSize)));
    }

    private Page<TopUpView> page(SqlFilter filter, PageRequest page) {
        List<TopUpView> items = jdbc.sql("SELECT id, user_id, amount, money, quota, trade_no, status, payment_method,"
                        + " created_time, paid_time FROM topups" + filter.where() + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(filter.parametersWith(page.pageSize(), page.offset())).query(ORDER).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM topups" + filter.where()).params(filter.parameters())
                .query(Long.class).single();
        return Page.of(items, total, page);
    }

    /** SQLite keeps DECIMAL as a plain number (73.00 comes back as 73): money is always shown to the cent. */
    private static BigDecimal cents(BigDecimal money) {
        return money == null ? null : money.setScale(2, RoundingMode.HALF_UP);
    }

    /** Veloera's words for a status, or null for all. */
    private static Integer status(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        return switch (word.strip()) {
            case "pending" -> TopUpStatus.PENDING;
            case "success" -> TopUpStatus.PAID;
            case "cancelled" -> TopUpStatus.CANCELLED;
            default -> throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "status must be pending, success or cancelled");
        };
    }
}
