package db.migration.sqlite;

import dev.veloera.schema.migration.FillUsernameKeys;

/** {@link FillUsernameKeys} on sqlite (Flyway finds Java migrations by package, one per engine location). */
public class V12__accounts_username_keys extends FillUsernameKeys {
}
