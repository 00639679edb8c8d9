-- Quota balances and accumulated amounts become BIGINT (a departure from the seed, which declares them INT).
-- At 500 000 quota per USD a signed 32-bit INT caps a balance at about 4 295 USD; Veloera's own Go models keep
-- these fields as 64-bit integers. users.request_count is a lifetime counter and widens too (at 100 requests a
-- second a service account passes 2^31 in about eight months). Per-request and per-hour counts stay INT.
-- ALTER COLUMN ... TYPE keeps defaults and comments; on the partitioned logs and quota_data (V7) it recurses
-- into every partition. Each ALTER rewrites its table once: on a large logs table run this in a maintenance
-- window.

ALTER TABLE users
    ALTER COLUMN quota TYPE BIGINT,
    ALTER COLUMN used_quota TYPE BIGINT,
    ALTER COLUMN request_count TYPE BIGINT,
    ALTER COLUMN aff_quota TYPE BIGINT,
    ALTER COLUMN aff_history_quota TYPE BIGINT;

ALTER TABLE tokens
    ALTER COLUMN remain_quota TYPE BIGINT,
    ALTER COLUMN used_quota TYPE BIGINT;

ALTER TABLE logs
    ALTER COLUMN quota TYPE BIGINT;

ALTER TABLE quota_data
    ALTER COLUMN token_used TYPE BIGINT,
    ALTER COLUMN quota TYPE BIGINT;

ALTER TABLE redemptions
    ALTER COLUMN quota TYPE BIGINT;

ALTER TABLE topups
    ALTER COLUMN quota TYPE BIGINT;

ALTER TABLE midjourney
    ALTER COLUMN quota TYPE BIGINT;

ALTER TABLE tasks
    ALTER COLUMN quota TYPE BIGINT;
