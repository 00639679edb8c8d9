package db.migration.mysql;

import dev.veloera.schema.migration.FillUsernameKeys;

/** {@link FillUsernameKeys} on mysql (Flyway finds Java migrations by package, one per engine location). */
public class V12__accounts_username_keys extends FillUsernameKeys {
}
