package dev.veloera.query.redemption;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Roles;
import dev.veloera.contracts.redemption.CodeRedeemedEvent;
import dev.veloera.contracts.redemption.RedemptionCreatedEvent;
import dev.veloera.contracts.redemption.RedemptionDeletedEvent;
import dev.veloera.contracts.redemption.RedemptionStatus;
import dev.veloera.contracts.redemption.RedemptionStatusChangedEvent;
import dev.veloera.contracts.redemption.RedemptionUpdatedEvent;
import dev.veloera.contracts.topup.TopUpCancelledEvent;
import dev.veloera.contracts.topup.TopUpOrderPlacedEvent;
import dev.veloera.contracts.topup.TopUpPaidEvent;
import dev.veloera.contracts.user.AffiliateQuotaCreditedEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.logs.EventLogs;
import dev.veloera.query.support.EngineDatabase;
import dev.veloera.query.token.TokenProjection;
import dev.veloera.query.topup.TopUpProjection;
import dev.veloera.query.user.UserCreditProjection;
import dev.veloera.query.user.UserProjection;
import dev.veloera.schema.testing.TestDatabases;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static dev.veloera.query.support.EngineDatabase.number;
import static dev.veloera.query.support.EngineDatabase.truthy;
import static org.assertj.core.api.Assertions.assertThat;

/** Redemption codes, their uses and the credits they bring, projected on each engine; handling twice changes nothing. */
class MoneyProjectionTest {

    private static final Actor ROOT = new Actor(1, Roles.ROOT);
    private static final Actor ALICE = new Actor(42, Roles.COMMON);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void projectsCodesUsesCreditsAndTheirLogLines(TestDatabases.Engine engine) throws Exception {
        JdbcClient jdbc = EngineDatabase.shared(engine).jdbc();
        DatabaseEngine dialect = DatabaseEngine.valueOf(engine.name());
        UserProjection users = new UserProjection(jdbc, dialect);
        RedemptionProjection codes = new RedemptionProjection(jdbc, dialect);
        UserCreditProjection credits = new UserCreditProjection(jdbc, dialect, eventLogs(jdbc, dialect));
        new TopUpProjection(jdbc, dialect).reset();
        codes.reset();
        new TokenProjection(jdbc, dialect).reset();
        users.reset();
        jdbc.sql("DELETE FROM logs WHERE user_id = 42").update();

        users.on(new UserRegisteredEvent("42", "alice", "$2a$hash", null, Roles.COMMON, 1, "default", "AFF1", null, 0,
                T0.toEpochMilli(), ALICE), T0);
        codes.on(new RedemptionCreatedEvent("redemption-7", "spring", "k".repeat(32), 100_000, 10, 0, 1_800_000_000L,
                true, 1_767_225_600L, ROOT), T0);
        CodeRedeemedEvent used = new CodeRedeemedEvent("redemption-7", 42, 100_000, true, 1, RedemptionStatus.ENABLED,
                1_767_225_700L, ALICE);
        codes.on(used, T0.plusSeconds(100));
        codes.on(used, T0.plusSeconds(100));
        QuotaCreditedEvent credit = new QuotaCreditedEvent("42", 100_000, 100_000, CreditSource.REDEMPTION, "7",
                "通过礼品码充值 ＄0.200000 额度，兑换码ID 7", 1_767_225_700L, ALICE);
        EventMessage<QuotaCreditedEvent> creditMessage = GenericEventMessage.asEventMessage(credit);
        credits.on(credit, creditMessage, T0.plusSeconds(100));
        credits.on(credit, creditMessage, T0.plusSeconds(100));
        AffiliateQuotaCreditedEvent rebate = new AffiliateQuotaCreditedEvent("42", 5_000, 5_000, 8_000, 2,
                CreditSource.REBATE, "USR9NOabc", 1_767_225_800L, Actor.SYSTEM);
        credits.on(rebate, GenericEventMessage.asEventMessage(rebate), T0.plusSeconds(200));

        Map<String, Object> code = jdbc.sql("SELECT * FROM redemptions WHERE id = 7").query().singleRow();
        assertThat(code.get("key_value").toString().strip()).isEqualTo("k".repeat(32));
        assertThat(number(code.get("used_count"))).isEqualTo(1);
        assertThat(number(code.get("used_user_id"))).isEqualTo(42);
        assertThat(number(code.get("max_uses"))).isEqualTo(10);
        assertThat(number(code.get("valid_until"))).isEqualTo(1_800_000_000L);
        assertThat(truthy(code.get("is_gift"))).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM redemption_logs WHERE redemption_id = 7 AND user_id = 42")
                .query(Long.class).single()).as("one row per use, however often handled").isEqualTo(1);

        Map<String, Object> alice = jdbc.sql("SELECT quota, aff_quota, aff_history_quota, aff_count FROM users"
                + " WHERE id = 42").query().singleRow();
        assertThat(number(alice.get("quota"))).isEqualTo(100_000);
        assertThat(number(alice.get("aff_quota"))).isEqualTo(5_000);
        assertThat(number(alice.get("aff_history_quota"))).isEqualTo(8_000);
        assertThat(number(alice.get("aff_count"))).isEqualTo(2);
        assertThat(jdbc.sql("SELECT type, content, quota, username FROM logs WHERE user_id = 42 ORDER BY type")
                .query((rs, n) -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4))
                .list()).containsExactly("1|通过礼品码充值 ＄0.200000 额度，兑换码ID 7|100000|alice",
                "4|获得充值返佣 ＄0.010000 额度|5000|alice");

        codes.on(new RedemptionUpdatedEvent("redemption-7", "autumn", 200_000, 5, 0, ROOT), T0.plusSeconds(300));
        codes.on(new RedemptionStatusChangedEvent("redemption-7", 1, 2, ROOT), T0.plusSeconds(301));
        code = jdbc.sql("SELECT name, quota, valid_from, valid_until, status, deleted_at FROM redemptions WHERE id = 7")
                .query().singleRow();
        assertThat(code.get("name")).isEqualTo("autumn");
        assertThat(number(code.get("quota"))).isEqualTo(200_000);
        assertThat(number(code.get("valid_from"))).isEqualTo(5);
        assertThat(number(code.get("valid_until"))).isZero();
        assertThat(number(code.get("status"))).isEqualTo(2);
        assertThat(code.get("deleted_at")).isNull();
        codes.on(new RedemptionDeletedEvent("redemption-7", 1_767_226_000L, ROOT), T0.plusSeconds(400));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM redemptions WHERE id = 7 AND deleted_at IS NOT NULL")
                .query(Long.class).single()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Engine.class)
    void projectsTopUpOrdersThroughPaidAndCancelled(TestDatabases.Engine engine) {
        JdbcClient jdbc = EngineDatabase.shared(engine).jdbc();
        DatabaseEngine dialect = DatabaseEngine.valueOf(engine.name());
        UserProjection users = new UserProjection(jdbc, dialect);
        TopUpProjection topups = new TopUpProjection(jdbc, dialect);
        topups.reset();
        new RedemptionProjection(jdbc, dialect).reset();
        new TokenProjection(jdbc, dialect).reset();
        users.reset();
        users.on(new UserRegisteredEvent("42", "alice", "$2a$hash", null, Roles.COMMON, 1, "default", "AFF1", null, 0,
                T0.toEpochMilli(), ALICE), T0);
        TopUpOrderPlacedEvent placed = new TopUpOrderPlacedEvent("topup-3", 42, "USR42NOx1", 10, new BigDecimal("73.00"),
                5_000_000, "alipay", 1_767_225_600L, 1_767_229_200_000L, "d-1", ALICE);
        topups.on(placed, T0);
        topups.on(new TopUpOrderPlacedEvent("topup-4", 42, "USR42NOx2", 1, new BigDecimal("7.30"), 500_000, "wxpay",
                1_767_225_600L, 1_767_229_200_000L, "d-2", ALICE), T0);
        topups.on(placed, T0);
        topups.on(new TopUpPaidEvent("topup-3", 42, "USR42NOx1", 5_000_000, new BigDecimal("73.00"), "p-1",
                1_767_225_800L, Actor.SYSTEM), T0.plusSeconds(200));
        topups.on(new TopUpCancelledEvent("topup-4", 42, "USR42NOx2", "expired", 1_767_229_200L, Actor.SYSTEM),
                T0.plusSeconds(3600));

        assertThat(jdbc.sql("SELECT id, amount, money, quota, trade_no, status, payment_method, paid_time FROM topups"
                        + " ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3).setScale(2).toPlainString() + "|"
                        + rs.getLong(4) + "|" + rs.getString(5) + "|" + rs.getInt(6) + "|" + rs.getString(7) + "|"
                        + rs.getLong(8)).list())
                .containsExactly("3|10|73.00|5000000|USR42NOx1|2|alipay|1767225800",
                        "4|1|7.30|500000|USR42NOx2|3|wxpay|0");
    }

    /** EventLogs' constructor is package-private to its package: built the way Spring builds it. */
    static EventLogs eventLogs(JdbcClient jdbc, DatabaseEngine engine) throws Exception {
        Constructor<EventLogs> constructor = EventLogs.class.getDeclaredConstructor(JdbcClient.class, DatabaseEngine.class);
        constructor.setAccessible(true);
        return constructor.newInstance(jdbc, engine);
    }
}
