-- v0.3 -> v0.4 (seed section 4.1): gift codes on redemptions, and the redemption log.
ALTER TABLE redemptions
    ADD COLUMN is_gift BOOLEAN DEFAULT FALSE COMMENT '是否为礼品码' AFTER used_user_id,
    ADD COLUMN max_uses INT DEFAULT -1 COMMENT '最大使用次数，-1表示无限制' AFTER is_gift,
    ADD COLUMN used_count INT DEFAULT 0 COMMENT '已使用次数' AFTER max_uses;

CREATE INDEX idx_redemptions_is_gift ON redemptions (is_gift);

CREATE TABLE redemption_logs (
    id            INT NOT NULL AUTO_INCREMENT,
    redemption_id INT NOT NULL COMMENT '兑换码ID',
    user_id       INT NOT NULL COMMENT '使用者用户ID',
    used_time     BIGINT COMMENT '使用时间戳',
    created_at    TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    INDEX idx_redemption_logs_redemption_id (redemption_id),
    INDEX idx_redemption_logs_user_id (user_id),
    INDEX idx_redemption_logs_used_time (used_time),
    CONSTRAINT fk_redemption_logs_redemption_id FOREIGN KEY (redemption_id) REFERENCES redemptions (id) ON DELETE CASCADE,
    CONSTRAINT fk_redemption_logs_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='兑换记录';
