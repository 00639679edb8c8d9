package dev.veloera.query.user;

import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.LogTypes;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AccessTokenReplacedEvent;
import dev.veloera.contracts.user.AffQuotaTransferredEvent;
import dev.veloera.contracts.user.CreditSource;
import dev.veloera.contracts.user.QuotaCreditedEvent;
import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserPasswordChangedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.UserRoleChangedEvent;
import dev.veloera.contracts.user.UserSettingUpdatedEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import dev.veloera.query.catalog.CatalogOrder;
import dev.veloera.query.db.DatabaseEngine;
import dev.veloera.query.logs.EventLogs;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What admins and users change on an account, into {@code users}; an admin's action on someone else's account
 * is also a manage log (type 3) through {@link EventLogs}. Same group as {@link UserProjection}, before the
 * catalog publication that reads the row ({@code UserCatalogPublication}).
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@Order(CatalogOrder.PROJECTION)
class UserAdministrationProjection {

    private final JdbcClient jdbc;
    private final DatabaseEngine engine;
    private final EventLogs logs;

    UserAdministrationProjection(JdbcClient jdbc, DatabaseEngine engine, EventLogs logs) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.logs = logs;
    }

    @EventHandler
    void on(UserStatusChangedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        update(event.userId(), "status = :v", event.status(), at);
        manageLog(eventId, event.userId(), event.actor(), at,
                event.status() == Status.ENABLED ? "user enabled" : "user disabled");
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        update(event.userId(), "role = :v", event.role(), at);
        manageLog(eventId, event.userId(), event.actor(), at,
                "role changed from " + event.previousRole() + " to " + event.role());
    }

    @EventHandler
    void on(UserDeletedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        update(event.userId(), "deleted_at = :v, access_token = NULL", engine.timestamp(at), at);
        manageLog(eventId, event.userId(), event.actor(), at, "user deleted");
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("UPDATE users SET username = :username, display_name = :displayName, group_name = :group, "
                        + "remark = :remark, " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("username", event.username())
                .param("displayName", event.displayName())
                .param("group", event.group())
                .param("remark", event.remark())
                .param("id", Long.parseLong(event.userId()))
                .params(engine.touchParameters(at))
                .update();
        manageLog(eventId, event.userId(), event.actor(), at, "profile updated (group " + event.group() + ")");
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        update(event.userId(), "password = :v", event.passwordHash(), at);
        manageLog(eventId, event.userId(), event.actor(), at, "password changed");
    }

    /** Only the hash: the bearer is hashed before it is looked up ({@code JdbcAccessTokenDirectory}). */
    @EventHandler
    void on(AccessTokenReplacedEvent event, @Timestamp Instant at) {
        update(event.userId(), "access_token = :v", event.accessTokenHash(), at);
    }

    @EventHandler
    void on(UserSettingUpdatedEvent event, @Timestamp Instant at) {
        update(event.userId(), "setting = :v", event.setting(), at);
    }

    @EventHandler
    void on(AffQuotaTransferredEvent event, @Timestamp Instant at) {
        update(event.userId(), "aff_quota = :v", event.affQuotaAfter(), at);
    }

    /** The balance is the "money" projection's; the check-in day is this one's ({@code last_check_in_time}). */
    @EventHandler
    void on(QuotaCreditedEvent event, @Timestamp Instant at) {
        if (CreditSource.CHECK_IN.equals(event.source()) && event.sourceId() != null) {
            Instant day = LocalDate.parse(event.sourceId()).atStartOfDay(ZoneOffset.UTC).toInstant();
            update(event.userId(), "last_check_in_time = :v", engine.timestamp(day), at);
        }
    }

    private void update(String userId, String assignment, Object value, Instant at) {
        jdbc.sql("UPDATE users SET " + assignment + ", " + engine.touchUpdatedAt() + " WHERE id = :id")
                .param("v", value)
                .param("id", Long.parseLong(userId))
                .params(engine.touchParameters(at))
                .update();
    }

    /** Only what an admin (or the system) did to another account is a manage log; a user's own change is not. */
    private void manageLog(String eventId, String userId, Actor actor, Instant at, String what) {
        long id = Long.parseLong(userId);
        if (actor != null && !actor.isSystem() && actor.userId() == id) {
            return;
        }
        String by = actor == null || actor.isSystem() ? "the system" : "admin " + actor.userId();
        String username = jdbc.sql("SELECT username FROM users WHERE id = ?").param(id).query(String.class)
                .optional().orElse("");
        logs.write(new EventLogs.Entry(eventId, id, username, LogTypes.MANAGE, what + " by " + by, 0,
                at.getEpochSecond(), null, null, null));
    }

}
