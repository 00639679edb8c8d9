package dev.veloera.command.user;

import dev.veloera.command.config.AxonConfig;
import dev.veloera.command.config.DuplicateKeys;
import dev.veloera.command.config.LookupTables;
import dev.veloera.command.web.ApiException;
import dev.veloera.contracts.common.Actor;
import dev.veloera.contracts.user.AccessTokenIssuedEvent;
import dev.veloera.contracts.user.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code cmd_user_directory}: inserting a username claims it and allocates the user id; the event
 * handlers keep role, status and access token current. They run subscribing, inside the command's
 * transaction, and a failure rolls the command back ({@link AxonConfig}).
 */
@Component
@ProcessingGroup(AxonConfig.USER_DIRECTORY_GROUP)
public class UserDirectory {

    private final LookupTables tables;

    public UserDirectory(LookupTables tables) {
        this.tables = tables;
    }

    /** Claims {@code username} and answers the new user id; 409 when it is taken. */
    public long claimUsername(String username, String affCode) {
        try {
            return tables.insertReturningId(
                    "INSERT INTO cmd_user_directory (username, aff_code, role, status) VALUES (?, ?, 1, 1)",
                    "user_id", username, affCode);
        } catch (DataAccessException e) {
            if (DuplicateKeys.isDuplicateKey(e)) {
                throw ApiException.conflict("username_taken", "the username " + username + " is already taken");
            }
            throw e;
        }
    }

    /** The user called {@code username} as an actor (id and current role). */
    public Optional<Actor> actorOf(String username) {
        List<Actor> actors = tables.jdbc().query(
                "SELECT user_id, role FROM cmd_user_directory WHERE username = ?",
                (rs, n) -> new Actor(rs.getLong(1), rs.getInt(2)), username);
        return actors.stream().findFirst();
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

    @EventHandler
    void on(AccessTokenIssuedEvent event) {
        tables.jdbc().update("UPDATE cmd_user_directory SET access_token = ? WHERE user_id = ?",
                event.accessToken(), Long.parseLong(event.userId()));
    }
}
