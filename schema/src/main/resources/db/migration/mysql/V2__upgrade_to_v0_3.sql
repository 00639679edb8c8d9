-- v0.2 -> v0.3 (seed section 4.1): users gain linux_do_id, setting and last_check_in_time,
-- placed where the seed's column list has them.
ALTER TABLE users
    ADD COLUMN linux_do_id VARCHAR(64) AFTER telegram_id,
    ADD COLUMN setting TEXT COMMENT '用户设置JSON' AFTER inviter_id,
    ADD COLUMN last_check_in_time TIMESTAMP NULL COMMENT '最后签到时间' AFTER setting;

-- section 2's idx_linux_do_id and section 4.1's idx_users_linux_do_id are the same index
CREATE INDEX idx_users_linux_do_id ON users (linux_do_id);
