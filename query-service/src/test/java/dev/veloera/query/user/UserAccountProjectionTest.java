package dev.veloera.query.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.ApiTokenCreatedEvent;
import dev.veloera.contracts.user.QuotaReservedEvent;
import dev.veloera.contracts.user.ReservationExpiredEvent;
import dev.veloera.contracts.user.ReservationSettledEvent;
import dev.veloera.contracts.user.SettledUsage;
import dev.veloera.contracts.user.TokenBalance;
import dev.veloera.contracts.user.UsageSettledEvent;
import dev.veloera.contracts.user.UserQuotaSetEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.query.support.SqliteTestDatabase;
import dev.veloera.query.token.TokenProjection;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.schema.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserAccountProjectionTest {

    private static final Actor ADMIN = new Actor(1, Roles.ROOT);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private EngineDatabase database;
    private JdbcClient jdbc;
    private UserProjection users;
    private TokenProjection tokens;

    private void open(TestDatabases.Engine engine) {
        database = EngineDatabase.shared(engine);
        jdbc = database.jdbc();
        users = new UserProjection(jdbc, DatabaseEngine.valueOf(engine.name()));
        tokens = new TokenProjection(jdbc, DatabaseEngine.valueOf(engine.name()));
        tokens.reset();
        users.reset();
    }


    private void applyHistory() {
        users.on(new UserRegisteredEvent("42", "alice", "$2a$hash", null, Roles.COMMON, 1, "vip", "AFF1", 7L, 100,
                T0.toEpochMilli(), ADMIN), T0);
        users.on(new AccessTokenIssuedEvent("42", "a".repeat(32), ADMIN), T0.plusSeconds(1));
        users.on(new UserQuotaSetEvent("42", 100, 10_000, ADMIN), T0.plusSeconds(2));
        tokens.on(new ApiTokenCreatedEvent("42", 5, "main", "h".repeat(44), "sk-abcd…wxyz", 1_767_225_603L, -1, 5_000,
                false, true, List.of("gpt-4o", "gpt-4o-mini"), "", "vip", ADMIN), T0.plusSeconds(3));
        QuotaReservedEvent reserved = new QuotaReservedEvent("42", 5, "r1", "gpt-4o", 700, 9_300, 4_300, 0, "deadline-1",
                Actor.SYSTEM);
        users.on(reserved, T0.plusSeconds(4));
        tokens.on(reserved, T0.plusSeconds(4));
        ReservationSettledEvent settled = new ReservationSettledEvent("42", 5, "r1", 700, 250, 0, false, 9_750, 4_750,
                250, 250, 1, Actor.SYSTEM);
        users.on(settled, T0.plusSeconds(5));
        tokens.on(settled, T0.plusSeconds(5));
        QuotaReservedEvent reserved2 = new QuotaReservedEvent("42", 5, "r2", "gpt-4o", 300, 9_450, 4_450, 0, "deadline-2",
                Actor.SYSTEM);
        users.on(reserved2, T0.plusSeconds(6));
        tokens.on(reserved2, T0.plusSeconds(6));
        ReservationExpiredEvent expired = new ReservationExpiredEvent("42", 5, "r2", 300, 9_750, 4_750, Actor.SYSTEM);
        users.on(expired, T0.plusSeconds(7));
        tokens.on(expired, T0.plusSeconds(7));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void projectsBalancesFromTheEventsAfterValues(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();

        Map<String, Object> user = jdbc.sql("""
                        SELECT username, display_name, role, status, group_name, aff_code, inviter_id, quota, used_quota,
                               request_count, access_token FROM users WHERE id = 42""").query().singleRow();
        assertThat(user).containsEntry("username", "alice").containsEntry("display_name", "alice")
                .containsEntry("group_name", "vip").containsEntry("aff_code", "AFF1")
                .containsEntry("access_token", dev.veloera.contracts.user.AccessTokenHash.of("a".repeat(32)));
        assertThat(((Number) user.get("quota")).longValue()).isEqualTo(9_750);
        assertThat(((Number) user.get("used_quota")).longValue()).isEqualTo(250);
        assertThat(((Number) user.get("request_count")).longValue()).isEqualTo(1);
        assertThat(((Number) user.get("inviter_id")).longValue()).isEqualTo(7);

        Map<String, Object> token = jdbc.sql("""
                        SELECT user_id, key_hash, key_mask, status, remain_quota, used_quota, model_limits, group_name,
                               expired_time FROM tokens WHERE id = 5""").query().singleRow();
        assertThat(token).containsEntry("key_hash", "h".repeat(44)).containsEntry("key_mask", "sk-abcd…wxyz")
                .containsEntry("model_limits", "gpt-4o,gpt-4o-mini").containsEntry("group_name", "vip");
        assertThat(((Number) token.get("remain_quota")).longValue()).isEqualTo(4_750);
        assertThat(((Number) token.get("used_quota")).longValue()).isEqualTo(250);
        assertThat(((Number) token.get("expired_time")).longValue()).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void aReplayAfterResetRebuildsIdenticalRows(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        List<Map<String, Object>> usersBefore = SqliteTestDatabase.rows(jdbc, "users", "id");
        List<Map<String, Object>> tokensBefore = SqliteTestDatabase.rows(jdbc, "tokens", "id");

        tokens.reset();
        users.reset();
        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEmpty();
        applyHistory();

        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(usersBefore);
        assertThat(SqliteTestDatabase.rows(jdbc, "tokens", "id")).isEqualTo(tokensBefore);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void handlingUserEventsTwiceChangesNothing(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        List<Map<String, Object>> before = SqliteTestDatabase.rows(jdbc, "users", "id");

        users.on(new UserRegisteredEvent("42", "alice", "$2a$hash", null, Roles.COMMON, 1, "vip", "AFF1", 7L, 100,
                T0.toEpochMilli(), ADMIN), T0);
        users.on(new AccessTokenIssuedEvent("42", "a".repeat(32), ADMIN), T0.plusSeconds(1));
        users.on(new UserQuotaSetEvent("42", 100, 10_000, ADMIN), T0.plusSeconds(2));
        users.on(new QuotaReservedEvent("42", 5, "r1", "gpt-4o", 700, 9_300, 4_300, 0, "deadline-1", Actor.SYSTEM),
                T0.plusSeconds(4));
        users.on(new ReservationSettledEvent("42", 5, "r1", 700, 250, 0, false, 9_750, 4_750, 250, 250, 1,
                Actor.SYSTEM), T0.plusSeconds(5));
        users.on(new QuotaReservedEvent("42", 5, "r2", "gpt-4o", 300, 9_450, 4_450, 0, "deadline-2", Actor.SYSTEM),
                T0.plusSeconds(6));
        users.on(new ReservationExpiredEvent("42", 5, "r2", 300, 9_750, 4_750, Actor.SYSTEM), T0.plusSeconds(7));

        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void handlingASettlementTwiceLeavesTheTokensUsedQuotaAsTheEventSays(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        List<Map<String, Object>> before = SqliteTestDatabase.rows(jdbc, "tokens", "id");

        tokens.on(new ReservationSettledEvent("42", 5, "r1", 700, 250, 0, false, 9_750, 4_750, 250, 250, 1,
                Actor.SYSTEM), T0.plusSeconds(5));
        tokens.on(new ReservationExpiredEvent("42", 5, "r2", 300, 9_750, 4_750, Actor.SYSTEM), T0.plusSeconds(7));

        assertThat(SqliteTestDatabase.rows(jdbc, "tokens", "id")).isEqualTo(before);
    }

    /** Balances are 64-bit end to end (the schema's V8 widened the columns). */
    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void keepsBalancesBeyondThe32BitRangeExactly(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        long big = 5_000_000_000L;

        users.on(new UserQuotaSetEvent("42", 9_750, big * 3, ADMIN), T0.plusSeconds(8));
        tokens.on(new ApiTokenCreatedEvent("42", 6, "big", "g".repeat(44), "sk-efgh…wxyz", 1_767_225_603L, -1, big * 2,
                false, false, List.of(), "", "vip", ADMIN), T0.plusSeconds(9));
        ReservationSettledEvent settled = new ReservationSettledEvent("42", 6, "r3", 0, big, 0, false, big * 2,
                big, big + 1, big + 250, 3_000_000_000L, Actor.SYSTEM);
        users.on(settled, T0.plusSeconds(10));
        tokens.on(settled, T0.plusSeconds(10));

        Map<String, Object> user = jdbc.sql("SELECT quota, used_quota, request_count FROM users WHERE id = 42")
                .query().singleRow();
        assertThat(((Number) user.get("quota")).longValue()).isEqualTo(big * 2);
        assertThat(((Number) user.get("used_quota")).longValue()).isEqualTo(big + 250);
        assertThat(((Number) user.get("request_count")).longValue()).isEqualTo(3_000_000_000L);
        Map<String, Object> token = jdbc.sql("SELECT remain_quota, used_quota FROM tokens WHERE id = 6")
                .query().singleRow();
        assertThat(((Number) token.get("remain_quota")).longValue()).isEqualTo(big);
        assertThat(((Number) token.get("used_quota")).longValue()).isEqualTo(big + 1);
    }

    /** Events applied by one command share a millisecond; the schema's updated_at triggers must not stamp the wall clock. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void eventsOfOneMillisecondReplayToIdenticalRows(TestDatabases.Engine engine) {
        open(engine);
        Runnable sameInstant = () -> {
            users.on(new UserRegisteredEvent("7", "root", "$2a$root", "Root", Roles.ROOT, 1, "default", null, null, 0,
                    T0.toEpochMilli(), Actor.SYSTEM), T0);
            users.on(new AccessTokenIssuedEvent("7", "r".repeat(32), ROOT_ACTOR), T0);
            users.on(new UserQuotaSetEvent("7", 0, 500, ROOT_ACTOR), T0);
        };
        sameInstant.run();
        List<Map<String, Object>> before = SqliteTestDatabase.rows(jdbc, "users", "id");

        users.reset();
        sameInstant.run();

        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(before);
    }

    private static final Actor ROOT_ACTOR = new Actor(7, Roles.ROOT);

    // settlement in batches (quota leases)

    /** Two polls settled against lease l1 on token 5 and one record on token 6; the second goes below zero. */
    private List<UsageSettledEvent> settlements() {
        return List.of(
                new UsageSettledEvent("42", 2, 10, List.of(
                        new SettledUsage("q1", "l1", 5, 300, "success", 0),
                        new SettledUsage("q2", "l1", 5, 0, "failed", 0),
                        new SettledUsage("q3", "l1", 6, 450, "client_aborted", 0)), 9_000, 1_000, 3,
                        List.of(new TokenBalance(5, 4_450, 550), new TokenBalance(6, -450, 450)), List.of(),
                        Actor.SYSTEM),
                new UsageSettledEvent("42", 2, 14, List.of(
                        new SettledUsage("q4", "l1", 5, 9_200, "success", 0)), -200, 10_200, 4,
                        List.of(new TokenBalance(5, -4_750, 9_750)), List.of("l1"), Actor.SYSTEM));
    }

    private void applySettlements() {
        tokens.on(new ApiTokenCreatedEvent("42", 6, "second", "s".repeat(44), "sk-efgh…wxyz", 1_767_225_603L, -1, 0,
                true, false, List.of(), "", "vip", ADMIN), T0.plusSeconds(8));
        int second = 9;
        for (UsageSettledEvent settled : settlements()) {
            users.on(settled, T0.plusSeconds(second));
            tokens.on(settled, T0.plusSeconds(second++));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void projectsUsageSettlementsFromTheirAfterValues(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        applySettlements();

        Map<String, Object> user = jdbc.sql("SELECT quota, used_quota, request_count FROM users WHERE id = 42")
                .query().singleRow();
        assertThat(((Number) user.get("quota")).longValue()).as("below zero by the excess").isEqualTo(-200);
        long charged = settlements().stream().flatMap(e -> e.settled().stream()).mapToLong(SettledUsage::charged)
                .sum();
        assertThat(((Number) user.get("used_quota")).longValue()).isEqualTo(250 + charged);
        assertThat(((Number) user.get("request_count")).longValue()).isEqualTo(4);
        Map<String, Object> token5 = jdbc.sql("SELECT remain_quota, used_quota, accessed_time FROM tokens WHERE id = 5")
                .query().singleRow();
        assertThat(((Number) token5.get("remain_quota")).longValue()).isEqualTo(-4_750);
        assertThat(((Number) token5.get("used_quota")).longValue()).isEqualTo(9_750);
        assertThat(((Number) token5.get("accessed_time")).longValue()).isEqualTo(T0.plusSeconds(10).getEpochSecond());
        Map<String, Object> token6 = jdbc.sql("SELECT remain_quota, used_quota FROM tokens WHERE id = 6")
                .query().singleRow();
        assertThat(((Number) token6.get("remain_quota")).longValue()).isEqualTo(-450);
        assertThat(((Number) token6.get("used_quota")).longValue()).isEqualTo(450);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void handlingSettlementsTwiceOrReplayingThemChangesNothing(TestDatabases.Engine engine) {
        open(engine);
        applyHistory();
        applySettlements();
        List<Map<String, Object>> usersBefore = SqliteTestDatabase.rows(jdbc, "users", "id");
        List<Map<String, Object>> tokensBefore = SqliteTestDatabase.rows(jdbc, "tokens", "id");

        applySettlements();
        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(usersBefore);
        assertThat(SqliteTestDatabase.rows(jdbc, "tokens", "id")).isEqualTo(tokensBefore);

        tokens.reset();
        users.reset();
        applyHistory();
        applySettlements();
        assertThat(SqliteTestDatabase.rows(jdbc, "users", "id")).isEqualTo(usersBefore);
        assertThat(SqliteTestDatabase.rows(jdbc, "tokens", "id")).isEqualTo(tokensBefore);
    }
}
