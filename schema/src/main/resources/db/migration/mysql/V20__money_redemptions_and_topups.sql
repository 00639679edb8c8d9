-- Money (issue 7): Veloera's validity window on redemption codes, the money paid for a top-up beside the
-- units bought (amount) and the quota credited, and the command side's lookup tables for redemption keys
-- and trade numbers (set-wide uniqueness written in the same transaction as the events).
ALTER TABLE redemptions
    ADD COLUMN valid_from BIGINT DEFAULT 0 COMMENT '生效时间，0表示立即生效',
    ADD COLUMN valid_until BIGINT DEFAULT 0 COMMENT '过期时间，0表示永不过期';
ALTER TABLE topups
    ADD COLUMN money DECIMAL(10,2) COMMENT '支付金额';

CREATE TABLE cmd_redemption (
    redemption_id BIGINT NOT NULL AUTO_INCREMENT,
    key_value     VARCHAR(32) NOT NULL,
    name          VARCHAR(255) NOT NULL,
    status        INT NOT NULL DEFAULT 1,
    deleted       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (redemption_id),
    UNIQUE KEY uk_cmd_redemption_key_value (key_value),
    KEY idx_cmd_redemption_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE cmd_topup (
    topup_id BIGINT NOT NULL AUTO_INCREMENT,
    trade_no VARCHAR(64) NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (topup_id),
    UNIQUE KEY uk_cmd_topup_trade_no (trade_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;
