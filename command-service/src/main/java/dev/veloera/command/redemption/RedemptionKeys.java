package dev.veloera.command.redemption;

import dev.veloera.command.config.DuplicateKeys;
import dev.veloera.command.config.LookupTables;
import dev.veloera.command.web.ApiException;
import dev.veloera.contracts.redemption.RedemptionStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code cmd_redemption}: inserting a key claims it and allocates the redemption id, in the transaction that
 * creates the code. Name, status (enabled or disabled by an admin) and deletion are kept beside it by the
 * controller, in the transaction of the command that changed them, so the bulk routes find their codes here
 * rather than in the read model.
 */
@Component
public class RedemptionKeys {

    private final LookupTables tables;

    RedemptionKeys(LookupTables tables) {
        this.tables = tables;
    }

    /** Claims {@code key} and answers the new redemption id; 409 when the key exists. */
    long claim(String key, String name) {
        try {
            return tables.insertReturningId("INSERT INTO cmd_redemption (key_value, name, status, deleted)"
                    + " VALUES (?, ?, ?, ?)", "redemption_id", key, name, RedemptionStatus.ENABLED, false);
        } catch (DataAccessException e) {
            if (DuplicateKeys.isDuplicateKey(e)) {
                throw ApiException.conflict("redemption_key_taken", "兑换码内容已存在");
            }
            throw e;
        }
    }

    Optional<Long> idOf(String key) {
        return tables.jdbc().queryForList("SELECT redemption_id FROM cmd_redemption WHERE key_value = ?",
                Long.class, key).stream().findFirst();
    }

    boolean exists(long id) {
        Integer n = tables.jdbc().queryForObject(
                "SELECT COUNT(*) FROM cmd_redemption WHERE redemption_id = ? AND deleted = ?", Integer.class, id, false);
        return n != null && n > 0;
    }

    List<Long> idsNamed(String name) {
        return tables.jdbc().queryForList("SELECT redemption_id FROM cmd_redemption WHERE name = ? AND deleted = ?"
                + " ORDER BY redemption_id", Long.class, name, false);
    }

    List<Long> disabledIds() {
        return tables.jdbc().queryForList("SELECT redemption_id FROM cmd_redemption WHERE status = ? AND deleted = ?"
                + " ORDER BY redemption_id", Long.class, RedemptionStatus.DISABLED, false);
    }

    void renamed(long id, String name) {
        tables.jdbc().update("UPDATE cmd_redemption SET name = ? WHERE redemption_id = ?", name, id);
    }

    void statusChanged(long id, int status) {
        tables.jdbc().update("UPDATE cmd_redemption SET status = ? WHERE redemption_id = ?", status, id);
    }

    void deleted(long id) {
        tables.jdbc().update("UPDATE cmd_redemption SET deleted = ? WHERE redemption_id = ?", true, id);
    }
}
