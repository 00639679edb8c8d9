package dev.veloera.command.user;

import dev.veloera.command.config.AxonConfig;
import dev.veloera.command.config.DuplicateKeys;
import dev.veloera.command.config.LookupTables;
import dev.veloera.command.web.ApiException;
import dev.veloera.command.web.Requests;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.common.Status;
import dev.veloera.contracts.user.AccessTokenReplacedEvent;
import dev.veloera.contracts.user.UserDeletedEvent;
import dev.veloera.contracts.user.UserProfileUpdatedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import dev.veloera.contracts.user.UserRoleChangedEvent;
import dev.veloera.contracts.user.UserStatusChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code cmd_user_directory}: inserting a username claims it (unique regardless of case through
 * {@code username_key}) and allocates the user id; the event handlers keep role, status and access token
 * current. They run subscribing, inside the command's transaction, and a failure rolls the command back
 * ({@link AxonConfig}).
 */
@Component
@ProcessingGroup(AxonConfig.USER_DIRECTORY_GROUP)
public class UserDirectory {

    private final LookupTables tables;

    public UserDirectory(LookupTables tables) {
        this.tables = tables;
    }

    /** Claims {@code username} and answers the new user id; 409 when it is taken, in any case. */
    public long claimUsername(String username, String affCode) {
        try {
            return tables.insertReturningId(
                    "INSERT INTO cmd_user_directory (username, username_key, aff_code, role, status) VALUES (?, ?, ?, 1, 1)",
                    "user_id", username, Requests.usernameKey(username), affCode);
        } catch (DataAccessException e) {
            throw taken(e, username);
        }
    }

    /** Moves user {@code userId} to {@code username} (in the caller's transaction); 409 when another holds it. */
    public void renameUser(long userId, String username) {
        try {
            tables.jdbc().update("UPDATE cmd_user_directory SET username = ?, username_key = ? WHERE user_id = ?",
                    username, Requests.usernameKey(username), userId);
        } catch (DataAccessException e) {
            throw taken(e, username);
        }
    }

    private static RuntimeException taken(DataAccessException e, String username) {
        if (DuplicateKeys.isDuplicateKey(e)) {
            return ApiException.conflict("username_taken", "the username " + username + " is already taken");
        }
        return e;
    }

    /**
     * The user called {@code username} (in any case) as an actor (id and current role); a name that clashed with
     * an older one when keys were introduced has no key (V12) and is found by its exact spelling.
     */
    public Optional<Actor> actorOf(String username) {
        List<Actor> actors = tables.jdbc().query(
                "SELECT user_id, role FROM cmd_user_directory WHERE username_key = ?",
                (rs, n) -> new Actor(rs.getLong(1), rs.getInt(2)), Requests.usernameKey(username));
        if (actors.isEmpty()) {
            actors = tables.jdbc().query(
                    "SELECT user_id, role FROM cmd_user_directory WHERE username = ? AND username_key IS NULL",
                    (rs, n) -> new Actor(rs.getLong(1), rs.getInt(2)), username);
        }
        return actors.stream().findFirst();
    }

    /** User {@code userId} as an actor, when it exists. */
    public Optional<Actor> actorOf(long userId) {
        List<Actor> actors = tables.jdbc().query(
                "SELECT user_id, role FROM cmd_user_directory WHERE user_id = ?",
                (rs, n) -> new Actor(rs.getLong(1), rs.getInt(2)), userId);
        return actors.stream().findFirst();
    }

    /** User {@code userId}'s role and status as {@code [role, status]}, when it exists. */
    public Optional<int[]> roleAndStatus(long userId) {
        return tables.jdbc().query("SELECT role, status FROM cmd_user_directory WHERE user_id = ?",
                (rs, n) -> new int[]{rs.getInt(1), rs.getInt(2)}, userId).stream().findFirst();
    }

    public Optional<Long> userIdByAffCode(String affCode) {
        List<Long> ids = tables.jdbc().queryForList(
                "SELECT user_id FROM cmd_user_directory WHERE aff_code = ?", Long.class, affCode);
        return ids.stream().findFirst();
    }

    /** Claims an API key's hash for {@code userId} and answers the new token id. */
    public long claimTokenKey(String keyHash, long userId) {
        return tables.insertReturningId("INSERT INTO cmd_token_key (key_hash, user_id) VALUES (?, ?)",
                "token_id", keyHash, userId);
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        int updated = tables.jdbc().update("UPDATE cmd_user_directory SET role = ?, status = ? WHERE user_id = ?",
                event.role(), event.status(), Long.parseLong(event.userId()));
        if (updated != 1) {
            throw new IllegalStateException("user " + event.userId() + " was registered without claiming its username");
        }
    }

    /** Only the hash: {@link dev.veloera.command.web.Authenticator} hashes the bearer before looking it up. */
    @EventHandler
    void on(AccessTokenReplacedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET access_token = ? WHERE user_id = ?",
                event.accessTokenHash(), Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(UserStatusChangedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET status = ? WHERE user_id = ?",
                event.status(), Long.parseLong(event.userId()));
    }

    @EventHandler
    void on(UserRoleChangedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET role = ? WHERE user_id = ?",
                event.role(), Long.parseLong(event.userId()));
    }

    /** The name stays claimed; the bearer stops working at once. */
    @EventHandler
    void on(UserDeletedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET status = ?, access_token = NULL WHERE user_id = ?",
                Status.DISABLED, Long.parseLong(event.userId()));
    }

    /** The controller renamed the row already, in this transaction; this only confirms it. */
    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET username = ?, username_key = ? WHERE user_id = ?",
                event.username(), Requests.usernameKey(event.username()), Long.parseLong(event.userId()));
    }
}
