package dev.veloera.query.user;

import dev.veloera.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
class UserQueries {

    private static final String COLUMNS = """
            id, username, display_name, role, status, email, quota, used_quota, request_count, group_name,
            aff_code, aff_count, aff_quota, aff_history_quota, inviter_id, remark""";

    private static final RowMapper<UserView> USER = (rs, n) -> new UserView(
            rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getInt("role"),
            rs.getInt("status"), rs.getString("email"), rs.getLong("quota"), rs.getLong("used_quota"),
            rs.getLong("request_count"), rs.getString("group_name"), rs.getString("aff_code"), rs.getLong("aff_count"),
            rs.getLong("aff_quota"), rs.getLong("aff_history_quota"), rs.getObject("inviter_id") == null ? null : rs.getLong("inviter_id"),
            rs.getString("remark"));

    private final JdbcClient jdbc;

    UserQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserView> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL")
                .param(id).query(USER).optional();
    }

    /**
     * Veloera's user search: the id when the keyword is a number, else a substring of username, display name
     * or email; optionally within one group. LIKE wildcards in the keyword match themselves.
     */
    List<UserView> search(String keyword, String group, PageRequest page) {
        Search search = new Search(keyword, group);
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE " + search.where
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(search.params).param("limit", page.pageSize()).param("offset", page.offset())
                .query(USER).list();
    }

    long countSearch(String keyword, String group) {
        Search search = new Search(keyword, group);
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE " + search.where).params(search.params)
                .query(Long.class).single();
    }

    Optional<String> affCode(long id) {
        return jdbc.sql("SELECT aff_code FROM users WHERE id = ? AND deleted_at IS NULL").param(id)
                .query(String.class).optional();
    }

    Optional<java.time.LocalDate> lastCheckInDay(long id) {
        return jdbc.sql("SELECT last_check_in_time FROM users WHERE id = ? AND deleted_at IS NULL AND last_check_in_time IS NOT NULL")
                .param(id)
                .query((rs, n) -> rs.getTimestamp(1).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .optional();
    }

    Optional<String> group(long id) {
        return jdbc.sql("SELECT group_name FROM users WHERE id = ? AND deleted_at IS NULL").param(id)
                .query(String.class).optional();
    }

    /** The models of enabled abilities in any of {@code groups}, in name order. */
    List<String> modelsOfGroups(java.util.Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT model FROM abilities WHERE enabled = :enabled AND group_name IN (:groups) ORDER BY model")
                .param("enabled", true).param("groups", List.copyOf(groups)).query(String.class).list();
    }

    private static final class Search {
        final String where;
        final java.util.Map<String, Object> params = new java.util.HashMap<>();

        Search(String keyword, String group) {
            StringBuilder where = new StringBuilder("deleted_at IS NULL");
            String k = keyword == null ? "" : keyword.strip();
            if (!k.isEmpty()) {
                String like = "%" + k.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
                params.put("like", like);
                String text = "username LIKE :like ESCAPE '!' OR display_name LIKE :like ESCAPE '!'"
                        + " OR email LIKE :like ESCAPE '!'";
                if (k.matches("\\d{1,18}")) {
                    params.put("id", Long.parseLong(k));
                    text = "id = :id OR " + text;
                }
                where.append(" AND (").append(text).append(")");
            }
            if (group != null && !group.isBlank()) {
                params.put("group", group.strip());
                where.append(" AND group_name = :group");
            }
            this.where = where.toString();
        }
    }
}
