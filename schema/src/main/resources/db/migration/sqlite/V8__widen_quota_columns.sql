-- PostgreSQL and MySQL widen the quota balances and accumulated amounts to BIGINT in this version (users.quota,
-- used_quota, request_count, aff_quota, aff_history_quota; tokens.remain_quota, used_quota; logs.quota;
-- quota_data.token_used, quota; redemptions.quota; topups.quota; midjourney.quota; tasks.quota). SQLite stores
-- every integer of a column with INTEGER affinity, which INT declares, in up to 64 bits already, so nothing
-- changes here; rebuilding eight tables only to rename their declared type would risk data for no gain.
-- This version exists so that every engine reports the same schema version.
SELECT 1;
