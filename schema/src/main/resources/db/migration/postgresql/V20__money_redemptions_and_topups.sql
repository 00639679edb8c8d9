-- Money (issue 7): Veloera's validity window on redemption codes, the money paid for a top-up beside the
-- units bought (amount) and the quota credited, and the command side's lookup tables for redemption keys
-- and trade numbers (set-wide uniqueness written in the same transaction as the events).
ALTER TABLE redemptions ADD COLUMN valid_from BIGINT DEFAULT 0;
ALTER TABLE redemptions ADD COLUMN valid_until BIGINT DEFAULT 0;
ALTER TABLE topups ADD COLUMN money DECIMAL(10,2);

COMMENT ON COLUMN redemptions.valid_from IS '生效时间，0表示立即生效';
COMMENT ON COLUMN redemptions.valid_until IS '过期时间，0表示永不过期';
COMMENT ON COLUMN topups.money IS '支付金额';

CREATE TABLE cmd_redemption (
    redemption_id BIGSERIAL NOT NULL,
    key_value     VARCHAR(32) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    status        INT NOT NULL DEFAULT 1,
    deleted       BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_cmd_redemption PRIMARY KEY (redemption_id),
    CONSTRAINT uk_cmd_redemption_key_value UNIQUE (key_value)
);
CREATE INDEX idx_cmd_redemption_name ON cmd_redemption (name);

CREATE TABLE cmd_topup (
    topup_id BIGSERIAL NOT NULL,
    trade_no VARCHAR(64) NOT NULL,
    user_id  BIGINT NOT NULL,
    CONSTRAINT pk_cmd_topup PRIMARY KEY (topup_id),
    CONSTRAINT uk_cmd_topup_trade_no UNIQUE (trade_no)
);
