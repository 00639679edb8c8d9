package dev.veloera.command.topup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A user's group for the TopupGroupRatio of a price quote. Read from {@code users.group_name}, the read model:
 * a quote may lag a group change by the projection's delay, and no invariant depends on it (the order records
 * the price it quoted). Users not projected yet count as {@code default}.
 */
@Component
public class UserGroups {

    private final JdbcTemplate jdbc;

    UserGroups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String of(long userId) {
        return jdbc.queryForList("SELECT group_name FROM users WHERE id = ?", String.class, userId).stream()
                .filter(g -> g != null && !g.isBlank()).findFirst().orElse("default");
    }
}
