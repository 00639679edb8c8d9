package db.migration.postgresql;

import dev.veloera.schema.migration.FillUsernameKeys;

/** {@link FillUsernameKeys} on postgresql (Flyway finds Java migrations by package, one per engine location). */
public class V12__accounts_username_keys extends FillUsernameKeys {
}
