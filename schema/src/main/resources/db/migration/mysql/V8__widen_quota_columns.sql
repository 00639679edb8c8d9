-- Quota balances and accumulated amounts become BIGINT (a departure from the seed, which declares them INT).
-- At 500 000 quota per USD a signed 32-bit INT caps a balance at about 4 295 USD; Veloera's own Go models keep
-- these fields as 64-bit integers. users.request_count is a lifetime counter and widens too (at 100 requests a
-- second a service account passes 2^31 in about eight months). Per-request and per-hour counts stay INT.
-- MODIFY restates each column's default and comment (MySQL replaces the whole definition); logs and quota_data
-- are partitioned (V7) and accept it. Each ALTER rebuilds its table once: on a large logs table run this in a
-- maintenance window.

ALTER TABLE users
    MODIFY quota             BIGINT DEFAULT 0 COMMENT '用户配额',
    MODIFY used_quota        BIGINT DEFAULT 0 COMMENT '已使用配额',
    MODIFY request_count     BIGINT DEFAULT 0 COMMENT '请求次数',
    MODIFY aff_quota         BIGINT DEFAULT 0 COMMENT '推荐剩余额度',
    MODIFY aff_history_quota BIGINT DEFAULT 0 COMMENT '推荐历史额度';

ALTER TABLE tokens
    MODIFY remain_quota BIGINT DEFAULT 0 COMMENT '剩余配额',
    MODIFY used_quota   BIGINT DEFAULT 0 COMMENT '已使用配额';

ALTER TABLE logs
    MODIFY quota BIGINT DEFAULT 0 COMMENT '消耗配额';

ALTER TABLE quota_data
    MODIFY token_used BIGINT DEFAULT 0 COMMENT '使用Token数',
    MODIFY quota      BIGINT DEFAULT 0 COMMENT '消耗配额';

ALTER TABLE redemptions
    MODIFY quota BIGINT DEFAULT 100 COMMENT '兑换额度';

ALTER TABLE topups
    MODIFY quota BIGINT COMMENT '充值配额';

ALTER TABLE midjourney
    MODIFY quota BIGINT COMMENT '消耗配额';

ALTER TABLE tasks
    MODIFY quota BIGINT COMMENT '消耗配额';
