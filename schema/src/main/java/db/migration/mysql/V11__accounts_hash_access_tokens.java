package db.migration.mysql;

import dev.veloera.schema.migration.HashAccessTokens;

/** {@link HashAccessTokens} on mysql (Flyway finds Java migrations by package, one per engine location). */
public class V11__accounts_hash_access_tokens extends HashAccessTokens {
}
