-- Additions beyond the seed, each for a reason (DESIGN.md, Storage):
-- logs.request_id makes the analytics sink idempotent (one row per request, a replay inserts nothing);
-- the quota_data key makes the hourly buckets upsertable; tokens.key_mask is the only form of a key
-- kept after creation.
ALTER TABLE logs ADD COLUMN request_id VARCHAR(64) NULL;
CREATE UNIQUE INDEX uk_logs_request_id ON logs (request_id);

CREATE UNIQUE INDEX uk_quota_data_user_model_hour ON quota_data (user_id, model_name, created_at);

ALTER TABLE tokens ADD COLUMN key_mask VARCHAR(64) NULL;

COMMENT ON COLUMN logs.request_id IS '请求ID（幂等写入）';
COMMENT ON COLUMN tokens.key_mask IS '脱敏后的 Key';
