package db.migration.sqlite;

import dev.veloera.schema.migration.HashAccessTokens;

/** {@link HashAccessTokens} on sqlite (Flyway finds Java migrations by package, one per engine location). */
public class V11__accounts_hash_access_tokens extends HashAccessTokens {
}
