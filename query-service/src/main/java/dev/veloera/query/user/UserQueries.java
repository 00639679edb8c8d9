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
            aff_code, aff_count, aff_quota, aff_history_quota, inviter_id""";

    private static final RowMapper<UserView> USER = (rs, n) -> new UserView(
            rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getInt("role"),
            rs.getInt("status"), rs.getString("email"), rs.getLong("quota"), rs.getLong("used_quota"),
            rs.getLong("request_count"), rs.getString("group_name"), rs.getString("aff_code"), rs.getLong("aff_count"),
            rs.getLong("aff_quota"), rs.getLong("aff_history_quota"), rs.getObject("inviter_id") == null ? null : rs.getLong("inviter_id"));

    private final JdbcClient jdbc;

    UserQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserView> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL")
                .param(id).query(USER).optional();
    }

    List<UserView> page(PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE deleted_at IS NULL ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(page.pageSize(), page.offset()).query(USER).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL").query(Long.class).single();
    }
}
