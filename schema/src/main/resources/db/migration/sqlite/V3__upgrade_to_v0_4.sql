-- v0.3 -> v0.4 (seed section 4.1): gift codes on redemptions, and the redemption log.
ALTER TABLE redemptions ADD COLUMN is_gift BOOLEAN DEFAULT 0;   -- 是否为礼品码
ALTER TABLE redemptions ADD COLUMN max_uses INT DEFAULT -1;     -- 最大使用次数，-1表示无限制
ALTER TABLE redemptions ADD COLUMN used_count INT DEFAULT 0;    -- 已使用次数

CREATE INDEX idx_redemptions_is_gift ON redemptions (is_gift);

-- redemption_logs: 兑换记录
CREATE TABLE redemption_logs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    redemption_id INT NOT NULL,                             -- 兑换码ID
    user_id       INT NOT NULL,                             -- 使用者用户ID
    used_time     BIGINT,                                   -- 使用时间戳
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_redemption_logs_redemption_id FOREIGN KEY (redemption_id) REFERENCES redemptions (id) ON DELETE CASCADE,
    CONSTRAINT fk_redemption_logs_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_redemption_logs_redemption_id ON redemption_logs (redemption_id);
CREATE INDEX idx_redemption_logs_user_id ON redemption_logs (user_id);
CREATE INDEX idx_redemption_logs_used_time ON redemption_logs (used_time);
