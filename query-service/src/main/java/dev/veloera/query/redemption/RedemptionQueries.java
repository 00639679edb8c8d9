package dev.veloera.query.redemption;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of {@code redemptions} (deleted codes left out, newest first, as Veloera lists them) and their uses. */
@Repository
class RedemptionQueries {

    private static final String COLUMNS = "id, user_id, key_value, status, name, quota, created_time, redeemed_time,"
            + " valid_from, valid_until, used_user_id, is_gift, max_uses, used_count";

    private static final RowMapper<RedemptionView> CODE = (rs, n) -> new RedemptionView(rs.getLong("id"),
            rs.getLong("user_id"), rs.getString("key_value"), rs.getInt("status"), rs.getString("name"),
            rs.getLong("quota"), rs.getLong("created_time"), rs.getLong("redeemed_time"), rs.getLong("valid_from"),
            rs.getLong("valid_until"), rs.getLong("used_user_id"), rs.getBoolean("is_gift"), rs.getInt("max_uses"),
            rs.getInt("used_count"));

    private final JdbcClient jdbc;

    RedemptionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A {@code WHERE} clause and its bound values. */
    record Search(String where, List<Object> parameters) {
        Object[] with(Object... extra) {
            List<Object> all = new ArrayList<>(parameters);
            all.addAll(List.of(extra));
            return all.toArray();
        }
    }

    /** Veloera's search: the id when the keyword is a number, or names starting with the keyword. */
    static Search search(String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return new Search(" WHERE deleted_at IS NULL", List.of());
        }
        String trimmed = keyword.strip();
        String prefix = trimmed.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        Long id = parseId(trimmed);
        return id == null
                ? new Search(" WHERE deleted_at IS NULL AND name LIKE ? ESCAPE '!'", List.of(prefix))
                : new Search(" WHERE deleted_at IS NULL AND (id = ? OR name LIKE ? ESCAPE '!')", List.of(id, prefix));
    }

    List<RedemptionView> page(Search search, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM redemptions" + search.where() + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(search.with(page.pageSize(), page.offset())).query(CODE).list();
    }

    long count(Search search) {
        return jdbc.sql("SELECT COUNT(*) FROM redemptions" + search.where())
                .params(search.parameters()).query(Long.class).single();
    }

    Optional<RedemptionView> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM redemptions WHERE id = ? AND deleted_at IS NULL")
                .param(id).query(CODE).optional();
    }

    long countByName(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM redemptions WHERE name = ? AND deleted_at IS NULL")
                .param(name).query(Long.class).single();
    }

    List<RedemptionLogView> uses(long redemptionId, PageRequest page) {
        return jdbc.sql("""
                        SELECT l.id, l.redemption_id, l.user_id, u.username, l.used_time FROM redemption_logs l
                        LEFT JOIN users u ON u.id = l.user_id WHERE l.redemption_id = ?
                        ORDER BY l.id DESC LIMIT ? OFFSET ?""")
                .params(redemptionId, page.pageSize(), page.offset())
                .query((rs, n) -> new RedemptionLogView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5)))
                .list();
    }

    long countUses(long redemptionId) {
        return jdbc.sql("SELECT COUNT(*) FROM redemption_logs WHERE redemption_id = ?")
                .param(redemptionId).query(Long.class).single();
    }

    private static Long parseId(String keyword) {
        try {
            return Long.parseLong(keyword);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
