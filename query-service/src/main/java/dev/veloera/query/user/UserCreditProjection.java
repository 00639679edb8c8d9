package dev.veloera.query.user;

import dev.veloera.contracts.common.LogTypes;
import dev.veloera.contracts.common.QuotaText;
import dev.veloera.contracts.user.AffiliateQuotaCreditedEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.logs.EventLogs;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Credits to a user's balances ({@code users.quota} from {@link QuotaCreditedEvent#quotaAfter()}, the affiliate
 * columns from {@link AffiliateQuotaCreditedEvent}) and the {@code logs} line Veloera writes for each: top-ups
 * and redemptions type 1, check-ins 5, invitation rewards, rebates and affiliate transfers 4 (system). The line
 * is the event's own {@code reason} when it has one, else Veloera's wording for its source; {@link EventLogs}
 * writes it once per event, so a replay adds nothing.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
public class UserCreditProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;
    private final EventLogs logs;

    public UserCreditProjection(JdbcClient jdbc, DatabaseEngine engine, EventLogs logs) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.logs = logs;
    }

    @EventHandler
    public void on(QuotaCreditedEvent event, EventMessage<?> message, @Timestamp Instant at) {
        long userId = Long.parseLong(event.userId());
        jdbc.sql("UPDATE users SET quota = :quota, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("quota", event.quotaAfter())
                .param("id", userId)
                .params(engine.touchParameters(at))
                .update();
        String content = event.reason() != null && !event.reason().isBlank() ? event.reason()
                : wording(event.source(), event.amount());
        logs.write(new EventLogs.Entry(message.getIdentifier(), userId, username(userId), logType(event.source()),
                content, event.amount(), createdAt(event.creditedAt(), at), null, null, null));
    }

    @EventHandler
    public void on(AffiliateQuotaCreditedEvent event, EventMessage<?> message, @Timestamp Instant at) {
        long userId = Long.parseLong(event.userId());
        jdbc.sql("UPDATE users SET aff_quota = :affQuota, aff_history_quota = :affHistoryQuota,"
                        + " aff_count = :affCount, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("affQuota", event.affQuotaAfter())
                .param("affHistoryQuota", event.affHistoryQuotaAfter())
                .param("affCount", event.affCountAfter())
                .param("id", userId)
                .params(engine.touchParameters(at))
                .update();
        if (event.amount() > 0) {
            logs.write(new EventLogs.Entry(message.getIdentifier(), userId, username(userId),
                    logType(event.source()), wording(event.source(), event.amount()), event.amount(),
                    createdAt(event.creditedAt(), at), null, null, null));
        }
    }

    /** Veloera's log type for a credit's source: money in is a top-up, a check-in its own, the rest system. */
    static int logType(String source) {
        if (CreditSource.TOP_UP.equals(source) || CreditSource.REDEMPTION.equals(source)) {
            return LogTypes.TOP_UP;
        }
        return CreditSource.CHECK_IN.equals(source) ? LogTypes.CHECK_IN : LogTypes.SYSTEM;
    }

    /** Veloera's log line for a credit from {@code source} ({@code model/user.go}, {@code model/redemption.go}). */
    static String wording(String source, long amount) {
        String quota = QuotaText.logQuota(amount);
        return switch (source == null ? "" : source) {
            case CreditSource.TOP_UP -> "使用在线充值成功，充值金额: " + quota;
            case CreditSource.REDEMPTION -> "通过兑换码充值 " + quota;
            case CreditSource.CHECK_IN -> "签到奖励 " + quota;
            case CreditSource.INVITATION -> "使用邀请码赠送 " + quota;
            case CreditSource.INVITER_REWARD -> "邀请用户赠送 " + quota;
            case CreditSource.REBATE -> "获得充值返佣 " + quota;
            case CreditSource.AFFILIATE_TRANSFER -> "邀请额度划转到余额 " + quota;
            default -> "额度增加 " + quota;
        };
    }

    private String username(long userId) {
        return jdbc.sql("SELECT username FROM users WHERE id = ?").param(userId).query(String.class)
                .optional().orElse("");
    }

    private static long createdAt(long creditedAt, Instant at) {
        return creditedAt > 0 ? creditedAt : at.getEpochSecond();
    }
}
