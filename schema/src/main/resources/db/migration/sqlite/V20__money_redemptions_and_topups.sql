-- Money (issue 7): Veloera's validity window on redemption codes, the money paid for a top-up beside the
-- units bought (amount) and the quota credited, and the command side's lookup tables for redemption keys
-- and trade numbers (set-wide uniqueness written in the same transaction as the events).
ALTER TABLE redemptions ADD COLUMN valid_from BIGINT DEFAULT 0;   -- 生效时间，0表示立即生效
ALTER TABLE redemptions ADD COLUMN valid_until BIGINT DEFAULT 0;  -- 过期时间，0表示永不过期
ALTER TABLE topups ADD COLUMN money DECIMAL(10,2);                -- 支付金额

-- inserting a key claims it and allocates the redemption id; name and status serve the bulk routes
CREATE TABLE cmd_redemption (
    redemption_id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_value     VARCHAR(32) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    status        INT NOT NULL DEFAULT 1,
    deleted       BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX uk_cmd_redemption_key_value ON cmd_redemption (key_value);
CREATE INDEX idx_cmd_redemption_name ON cmd_redemption (name);

-- inserting a trade number claims it and allocates the top-up id
CREATE TABLE cmd_topup (
    topup_id INTEGER PRIMARY KEY AUTOINCREMENT,
    trade_no VARCHAR(64) NOT NULL,
    user_id  BIGINT NOT NULL
);
CREATE UNIQUE INDEX uk_cmd_topup_trade_no ON cmd_topup (trade_no);
