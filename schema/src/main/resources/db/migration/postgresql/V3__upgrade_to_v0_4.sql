-- v0.3 -> v0.4 (seed section 4.1): gift codes on redemptions, and the redemption log.
ALTER TABLE redemptions ADD COLUMN is_gift BOOLEAN DEFAULT FALSE;
ALTER TABLE redemptions ADD COLUMN max_uses INT DEFAULT -1;
ALTER TABLE redemptions ADD COLUMN used_count INT DEFAULT 0;

COMMENT ON COLUMN redemptions.is_gift IS '是否为礼品码';
COMMENT ON COLUMN redemptions.max_uses IS '最大使用次数，-1表示无限制';
COMMENT ON COLUMN redemptions.used_count IS '已使用次数';

CREATE INDEX idx_redemptions_is_gift ON redemptions (is_gift);

CREATE TABLE redemption_logs (
    id            SERIAL NOT NULL,
    redemption_id INT NOT NULL,
    user_id       INT NOT NULL,
    used_time     BIGINT,
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_redemption_logs PRIMARY KEY (id),
    CONSTRAINT fk_redemption_logs_redemption_id FOREIGN KEY (redemption_id) REFERENCES redemptions (id) ON DELETE CASCADE,
    CONSTRAINT fk_redemption_logs_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_redemption_logs_redemption_id ON redemption_logs (redemption_id);
CREATE INDEX idx_redemption_logs_user_id ON redemption_logs (user_id);
CREATE INDEX idx_redemption_logs_used_time ON redemption_logs (used_time);

COMMENT ON TABLE redemption_logs IS '兑换记录';
COMMENT ON COLUMN redemption_logs.redemption_id IS '兑换码ID';
COMMENT ON COLUMN redemption_logs.user_id IS '使用者用户ID';
COMMENT ON COLUMN redemption_logs.used_time IS '使用时间戳';
