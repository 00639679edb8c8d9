-- Veloera core tables in their v0.2 state (seed section 2 and the indexes of section 3.1).
-- Later versions arrive as V2 (v0.3) and V3 (v0.4) so that a v0.2 database upgrades in place.
-- Index names carry the table name because PostgreSQL index names are unique per schema (docs/schema.md).
-- CHAR(n) becomes VARCHAR(n): bpchar pads short values with spaces on read (docs/schema.md).

-- Keeps updated_at current like MySQL's ON UPDATE CURRENT_TIMESTAMP: only when the statement did not set it.
CREATE FUNCTION veloera_touch_updated_at() RETURNS trigger AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := CURRENT_TIMESTAMP;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE users (
    id                SERIAL NOT NULL,
    username          VARCHAR(64) NOT NULL,
    password          VARCHAR(255) NOT NULL,
    display_name      VARCHAR(64),
    role              INT DEFAULT 1,
    status            INT DEFAULT 1,
    email             VARCHAR(255),
    github_id         VARCHAR(64),
    oidc_id           VARCHAR(64),
    wechat_id         VARCHAR(64),
    telegram_id       VARCHAR(64),
    access_token      VARCHAR(32),
    quota             INT DEFAULT 0,
    used_quota        INT DEFAULT 0,
    request_count     INT DEFAULT 0,
    group_name        VARCHAR(64) DEFAULT 'default',
    aff_code          VARCHAR(32),
    aff_count         INT DEFAULT 0,
    aff_quota         INT DEFAULT 0,
    aff_history_quota INT DEFAULT 0,
    inviter_id        INT,
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at        TIMESTAMP,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uk_users_username UNIQUE (username),
    CONSTRAINT uk_users_access_token UNIQUE (access_token),
    CONSTRAINT uk_users_aff_code UNIQUE (aff_code)
);

CREATE INDEX idx_users_username ON users (username);
CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_github_id ON users (github_id);
CREATE INDEX idx_users_oidc_id ON users (oidc_id);
CREATE INDEX idx_users_wechat_id ON users (wechat_id);
CREATE INDEX idx_users_telegram_id ON users (telegram_id);
CREATE INDEX idx_users_access_token ON users (access_token);
CREATE INDEX idx_users_aff_code ON users (aff_code);
CREATE INDEX idx_users_inviter_id ON users (inviter_id);
CREATE INDEX idx_users_deleted_at ON users (deleted_at);
CREATE INDEX idx_users_username_status ON users (username, status);
CREATE INDEX idx_users_email_status ON users (email, status);
COMMENT ON COLUMN users.role IS '1:普通用户 10:管理员 100:超级管理员';
COMMENT ON COLUMN users.status IS '1:启用 2:禁用';
COMMENT ON COLUMN users.access_token IS '系统管理 Token';
COMMENT ON COLUMN users.quota IS '用户配额';
COMMENT ON COLUMN users.used_quota IS '已使用配额';
COMMENT ON COLUMN users.request_count IS '请求次数';
COMMENT ON COLUMN users.group_name IS '用户组';
COMMENT ON COLUMN users.aff_code IS '推荐码';
COMMENT ON COLUMN users.aff_count IS '推荐人数';
COMMENT ON COLUMN users.aff_quota IS '推荐剩余额度';
COMMENT ON COLUMN users.aff_history_quota IS '推荐历史额度';
COMMENT ON COLUMN users.inviter_id IS '邀请人ID';
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE tokens (
    id                   SERIAL NOT NULL,
    user_id              INT NOT NULL,
    key_hash             VARCHAR(48) NOT NULL,
    status               INT DEFAULT 1,
    name                 VARCHAR(255),
    created_time         BIGINT,
    accessed_time        BIGINT,
    expired_time         BIGINT DEFAULT -1,
    remain_quota         INT DEFAULT 0,
    unlimited_quota      BOOLEAN DEFAULT FALSE,
    used_quota           INT DEFAULT 0,
    model_limits_enabled BOOLEAN DEFAULT FALSE,
    model_limits         VARCHAR(1024) DEFAULT '',
    allow_ips            VARCHAR(1024) DEFAULT '',
    group_name           VARCHAR(64) DEFAULT '',
    created_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at           TIMESTAMP,
    CONSTRAINT pk_tokens PRIMARY KEY (id),
    CONSTRAINT uk_tokens_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_tokens_user_id ON tokens (user_id);
CREATE INDEX idx_tokens_key_hash ON tokens (key_hash);
CREATE INDEX idx_tokens_status ON tokens (status);
CREATE INDEX idx_tokens_name ON tokens (name);
CREATE INDEX idx_tokens_deleted_at ON tokens (deleted_at);
CREATE INDEX idx_tokens_user_status ON tokens (user_id, status);
CREATE INDEX idx_tokens_key_status ON tokens (key_hash, status);
COMMENT ON COLUMN tokens.key_hash IS 'API Key 哈希';
COMMENT ON COLUMN tokens.status IS '1:启用 2:禁用';
COMMENT ON COLUMN tokens.name IS 'Token 名称';
COMMENT ON COLUMN tokens.created_time IS '创建时间戳';
COMMENT ON COLUMN tokens.accessed_time IS '最后访问时间';
COMMENT ON COLUMN tokens.expired_time IS '过期时间，-1表示永不过期';
COMMENT ON COLUMN tokens.remain_quota IS '剩余配额';
COMMENT ON COLUMN tokens.unlimited_quota IS '无限配额';
COMMENT ON COLUMN tokens.used_quota IS '已使用配额';
COMMENT ON COLUMN tokens.model_limits_enabled IS '是否启用模型限制';
COMMENT ON COLUMN tokens.model_limits IS '允许的模型列表';
COMMENT ON COLUMN tokens.allow_ips IS '允许的IP列表';
COMMENT ON COLUMN tokens.group_name IS '所属组';
CREATE TRIGGER trg_tokens_updated_at BEFORE UPDATE ON tokens FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE channels (
    id                   SERIAL NOT NULL,
    type                 INT DEFAULT 0,
    key_value            TEXT NOT NULL,
    openai_organization  VARCHAR(255),
    test_model           VARCHAR(255),
    status               INT DEFAULT 1,
    name                 VARCHAR(255),
    weight               INT DEFAULT 0,
    created_time         BIGINT,
    test_time            BIGINT,
    response_time        INT DEFAULT 0,
    base_url             VARCHAR(512) DEFAULT '',
    other                TEXT,
    balance              DECIMAL(10,2) DEFAULT 0,
    balance_updated_time BIGINT,
    models               TEXT,
    group_name           VARCHAR(64) DEFAULT 'default',
    used_quota           BIGINT DEFAULT 0,
    model_mapping        TEXT,
    status_code_mapping  VARCHAR(1024) DEFAULT '',
    priority             BIGINT DEFAULT 0,
    auto_ban             INT DEFAULT 1,
    other_info           TEXT,
    created_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_channels PRIMARY KEY (id)
);

CREATE INDEX idx_channels_type ON channels (type);
CREATE INDEX idx_channels_status ON channels (status);
CREATE INDEX idx_channels_name ON channels (name);
CREATE INDEX idx_channels_group_name ON channels (group_name);
CREATE INDEX idx_channels_priority ON channels (priority);
CREATE INDEX idx_channels_type_status ON channels (type, status);
CREATE INDEX idx_channels_group_status ON channels (group_name, status);
COMMENT ON COLUMN channels.type IS '渠道类型（OpenAI=0, Claude=1等）';
COMMENT ON COLUMN channels.key_value IS 'API Key（支持多个，逗号分隔）';
COMMENT ON COLUMN channels.openai_organization IS 'OpenAI 组织ID';
COMMENT ON COLUMN channels.test_model IS '测试模型';
COMMENT ON COLUMN channels.status IS '1:启用 2:禁用 3:自动禁用';
COMMENT ON COLUMN channels.name IS '渠道名称';
COMMENT ON COLUMN channels.weight IS '权重';
COMMENT ON COLUMN channels.created_time IS '创建时间戳';
COMMENT ON COLUMN channels.test_time IS '测试时间戳';
COMMENT ON COLUMN channels.response_time IS '响应时间（毫秒）';
COMMENT ON COLUMN channels.base_url IS '自定义API地址';
COMMENT ON COLUMN channels.other IS '其他配置';
COMMENT ON COLUMN channels.balance IS '余额（美元）';
COMMENT ON COLUMN channels.balance_updated_time IS '余额更新时间';
COMMENT ON COLUMN channels.models IS '支持的模型列表';
COMMENT ON COLUMN channels.group_name IS '渠道组';
COMMENT ON COLUMN channels.used_quota IS '已使用配额';
COMMENT ON COLUMN channels.model_mapping IS '模型映射配置';
COMMENT ON COLUMN channels.status_code_mapping IS '状态码映射';
COMMENT ON COLUMN channels.priority IS '优先级';
COMMENT ON COLUMN channels.auto_ban IS '自动封禁设置';
COMMENT ON COLUMN channels.other_info IS '其他信息';
CREATE TRIGGER trg_channels_updated_at BEFORE UPDATE ON channels FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE abilities (
    group_name VARCHAR(64) NOT NULL,
    model      VARCHAR(255) NOT NULL,
    channel_id INT NOT NULL,
    enabled    BOOLEAN DEFAULT TRUE,
    priority   BIGINT DEFAULT 0,
    weight     INT DEFAULT 0,
    tag        VARCHAR(255),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_abilities PRIMARY KEY (group_name, model, channel_id),
    CONSTRAINT fk_abilities_channel_id FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
);

CREATE INDEX idx_abilities_channel_id ON abilities (channel_id);
CREATE INDEX idx_abilities_enabled ON abilities (enabled);
CREATE INDEX idx_abilities_priority ON abilities (priority);
CREATE INDEX idx_abilities_weight ON abilities (weight);
CREATE INDEX idx_abilities_tag ON abilities (tag);
CREATE INDEX idx_abilities_group_model ON abilities (group_name, model);
CREATE INDEX idx_abilities_model_enabled ON abilities (model, enabled);
COMMENT ON TABLE abilities IS '渠道能力映射';
COMMENT ON COLUMN abilities.group_name IS '用户组';
COMMENT ON COLUMN abilities.model IS '模型名称';
COMMENT ON COLUMN abilities.channel_id IS '渠道ID';
COMMENT ON COLUMN abilities.enabled IS '是否启用';
COMMENT ON COLUMN abilities.priority IS '优先级';
COMMENT ON COLUMN abilities.weight IS '权重';
COMMENT ON COLUMN abilities.tag IS '标签';
CREATE TRIGGER trg_abilities_updated_at BEFORE UPDATE ON abilities FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE logs (
    id                BIGSERIAL NOT NULL,
    user_id           INT,
    created_at        BIGINT,
    type              INT DEFAULT 0,
    content           TEXT,
    username          VARCHAR(64),
    token_name        VARCHAR(255),
    model_name        VARCHAR(255),
    quota             INT DEFAULT 0,
    prompt_tokens     INT DEFAULT 0,
    completion_tokens INT DEFAULT 0,
    use_time          INT DEFAULT 0,
    is_stream         BOOLEAN DEFAULT FALSE,
    channel_id        INT,
    token_id          INT,
    group_name        VARCHAR(64),
    other             TEXT,
    CONSTRAINT pk_logs PRIMARY KEY (id)
);

CREATE INDEX idx_logs_user_id ON logs (user_id);
CREATE INDEX idx_logs_created_at ON logs (created_at);
CREATE INDEX idx_logs_type ON logs (type);
CREATE INDEX idx_logs_username ON logs (username);
CREATE INDEX idx_logs_model_name ON logs (model_name);
CREATE INDEX idx_logs_channel_id ON logs (channel_id);
CREATE INDEX idx_logs_token_id ON logs (token_id);
CREATE INDEX idx_logs_group_name ON logs (group_name);
CREATE INDEX idx_logs_user_time ON logs (user_id, created_at);
CREATE INDEX idx_logs_model_time ON logs (model_name, created_at);
CREATE INDEX idx_logs_channel_time ON logs (channel_id, created_at);
COMMENT ON COLUMN logs.user_id IS '用户ID';
COMMENT ON COLUMN logs.created_at IS '创建时间戳';
COMMENT ON COLUMN logs.type IS '日志类型';
COMMENT ON COLUMN logs.content IS '日志内容';
COMMENT ON COLUMN logs.username IS '用户名';
COMMENT ON COLUMN logs.token_name IS 'Token名称';
COMMENT ON COLUMN logs.model_name IS '模型名称';
COMMENT ON COLUMN logs.quota IS '消耗配额';
COMMENT ON COLUMN logs.prompt_tokens IS '输入Token数';
COMMENT ON COLUMN logs.completion_tokens IS '输出Token数';
COMMENT ON COLUMN logs.use_time IS '使用时间（毫秒）';
COMMENT ON COLUMN logs.is_stream IS '是否流式';
COMMENT ON COLUMN logs.channel_id IS '渠道ID';
COMMENT ON COLUMN logs.token_id IS 'Token ID';
COMMENT ON COLUMN logs.group_name IS '用户组';
COMMENT ON COLUMN logs.other IS '其他信息';

CREATE TABLE quota_data (
    id         SERIAL NOT NULL,
    user_id    INT,
    username   VARCHAR(64),
    model_name VARCHAR(64),
    created_at BIGINT,
    token_used INT DEFAULT 0,
    count      INT DEFAULT 0,
    quota      INT DEFAULT 0,
    CONSTRAINT pk_quota_data PRIMARY KEY (id)
);

CREATE INDEX idx_quota_data_user_id ON quota_data (user_id);
CREATE INDEX idx_quota_data_username ON quota_data (username);
CREATE INDEX idx_quota_data_model_name ON quota_data (model_name);
CREATE INDEX idx_quota_data_created_at ON quota_data (created_at);
CREATE INDEX idx_quota_data_model_user_name ON quota_data (model_name, username);
COMMENT ON TABLE quota_data IS '配额统计';
COMMENT ON COLUMN quota_data.user_id IS '用户ID';
COMMENT ON COLUMN quota_data.username IS '用户名';
COMMENT ON COLUMN quota_data.model_name IS '模型名称';
COMMENT ON COLUMN quota_data.created_at IS '统计日期时间戳';
COMMENT ON COLUMN quota_data.token_used IS '使用Token数';
COMMENT ON COLUMN quota_data.count IS '请求次数';
COMMENT ON COLUMN quota_data.quota IS '消耗配额';

CREATE TABLE redemptions (
    id            SERIAL NOT NULL,
    user_id       INT,
    key_value     VARCHAR(32) NOT NULL,
    status        INT DEFAULT 1,
    name          VARCHAR(255),
    quota         INT DEFAULT 100,
    created_time  BIGINT,
    redeemed_time BIGINT,
    used_user_id  INT,
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at    TIMESTAMP,
    CONSTRAINT pk_redemptions PRIMARY KEY (id),
    CONSTRAINT uk_redemptions_key_value UNIQUE (key_value)
);

CREATE INDEX idx_redemptions_user_id ON redemptions (user_id);
CREATE INDEX idx_redemptions_key_value ON redemptions (key_value);
CREATE INDEX idx_redemptions_status ON redemptions (status);
CREATE INDEX idx_redemptions_name ON redemptions (name);
CREATE INDEX idx_redemptions_deleted_at ON redemptions (deleted_at);
COMMENT ON TABLE redemptions IS '兑换码';
COMMENT ON COLUMN redemptions.user_id IS '创建者用户ID';
COMMENT ON COLUMN redemptions.key_value IS '兑换码';
COMMENT ON COLUMN redemptions.status IS '1:未使用 2:已使用';
COMMENT ON COLUMN redemptions.name IS '兑换码名称';
COMMENT ON COLUMN redemptions.quota IS '兑换额度';
COMMENT ON COLUMN redemptions.created_time IS '创建时间戳';
COMMENT ON COLUMN redemptions.redeemed_time IS '兑换时间戳';
COMMENT ON COLUMN redemptions.used_user_id IS '使用者用户ID';
CREATE TRIGGER trg_redemptions_updated_at BEFORE UPDATE ON redemptions FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE topups (
    id             SERIAL NOT NULL,
    user_id        INT NOT NULL,
    amount         DECIMAL(10,2),
    quota          INT,
    trade_no       VARCHAR(255),
    status         INT DEFAULT 1,
    payment_method VARCHAR(64),
    created_time   BIGINT,
    paid_time      BIGINT,
    created_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_topups PRIMARY KEY (id),
    CONSTRAINT uk_topups_trade_no UNIQUE (trade_no),
    CONSTRAINT fk_topups_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_topups_user_id ON topups (user_id);
CREATE INDEX idx_topups_trade_no ON topups (trade_no);
CREATE INDEX idx_topups_status ON topups (status);
CREATE INDEX idx_topups_payment_method ON topups (payment_method);
CREATE INDEX idx_topups_created_time ON topups (created_time);
COMMENT ON TABLE topups IS '充值记录';
COMMENT ON COLUMN topups.user_id IS '用户ID';
COMMENT ON COLUMN topups.amount IS '充值金额';
COMMENT ON COLUMN topups.quota IS '充值配额';
COMMENT ON COLUMN topups.trade_no IS '交易号';
COMMENT ON COLUMN topups.status IS '1:待支付 2:已支付 3:已取消';
COMMENT ON COLUMN topups.payment_method IS '支付方式';
COMMENT ON COLUMN topups.created_time IS '创建时间戳';
COMMENT ON COLUMN topups.paid_time IS '支付时间戳';
CREATE TRIGGER trg_topups_updated_at BEFORE UPDATE ON topups FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE midjourney (
    id          BIGSERIAL NOT NULL,
    user_id     INT,
    code        INT,
    action      VARCHAR(40),
    mj_id       VARCHAR(255),
    prompt      TEXT,
    prompt_en   TEXT,
    description TEXT,
    state       VARCHAR(255),
    submit_time BIGINT,
    start_time  BIGINT,
    finish_time BIGINT,
    image_url   TEXT,
    status      VARCHAR(20),
    progress    VARCHAR(20),
    fail_reason TEXT,
    channel_id  INT,
    quota       INT,
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_midjourney PRIMARY KEY (id)
);

CREATE INDEX idx_midjourney_user_id ON midjourney (user_id);
CREATE INDEX idx_midjourney_action ON midjourney (action);
CREATE INDEX idx_midjourney_mj_id ON midjourney (mj_id);
CREATE INDEX idx_midjourney_status ON midjourney (status);
CREATE INDEX idx_midjourney_channel_id ON midjourney (channel_id);
CREATE INDEX idx_midjourney_submit_time ON midjourney (submit_time);
COMMENT ON TABLE midjourney IS 'Midjourney任务';
COMMENT ON COLUMN midjourney.user_id IS '用户ID';
COMMENT ON COLUMN midjourney.code IS '响应代码';
COMMENT ON COLUMN midjourney.action IS '任务类型';
COMMENT ON COLUMN midjourney.mj_id IS 'Midjourney任务ID';
COMMENT ON COLUMN midjourney.prompt IS '提示词';
COMMENT ON COLUMN midjourney.prompt_en IS '英文提示词';
COMMENT ON COLUMN midjourney.description IS '描述';
COMMENT ON COLUMN midjourney.state IS '状态';
COMMENT ON COLUMN midjourney.submit_time IS '提交时间戳';
COMMENT ON COLUMN midjourney.start_time IS '开始时间戳';
COMMENT ON COLUMN midjourney.finish_time IS '完成时间戳';
COMMENT ON COLUMN midjourney.image_url IS '图片URL';
COMMENT ON COLUMN midjourney.status IS '任务状态';
COMMENT ON COLUMN midjourney.progress IS '进度';
COMMENT ON COLUMN midjourney.fail_reason IS '失败原因';
COMMENT ON COLUMN midjourney.channel_id IS '渠道ID';
COMMENT ON COLUMN midjourney.quota IS '消耗配额';
CREATE TRIGGER trg_midjourney_updated_at BEFORE UPDATE ON midjourney FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE tasks (
    id          BIGSERIAL NOT NULL,
    created_at  BIGINT,
    updated_at  BIGINT,
    task_id     VARCHAR(50),
    platform    VARCHAR(30),
    user_id     INT,
    channel_id  INT,
    quota       INT,
    action      VARCHAR(40),
    status      VARCHAR(20),
    fail_reason TEXT,
    submit_time BIGINT,
    start_time  BIGINT,
    finish_time BIGINT,
    progress    VARCHAR(20),
    properties  JSONB,
    data        JSONB,
    CONSTRAINT pk_tasks PRIMARY KEY (id)
);

CREATE INDEX idx_tasks_task_id ON tasks (task_id);
CREATE INDEX idx_tasks_platform ON tasks (platform);
CREATE INDEX idx_tasks_user_id ON tasks (user_id);
CREATE INDEX idx_tasks_channel_id ON tasks (channel_id);
CREATE INDEX idx_tasks_action ON tasks (action);
CREATE INDEX idx_tasks_status ON tasks (status);
CREATE INDEX idx_tasks_submit_time ON tasks (submit_time);
CREATE INDEX idx_tasks_start_time ON tasks (start_time);
CREATE INDEX idx_tasks_finish_time ON tasks (finish_time);
COMMENT ON TABLE tasks IS '通用任务';
COMMENT ON COLUMN tasks.created_at IS '创建时间戳';
COMMENT ON COLUMN tasks.updated_at IS '更新时间戳';
COMMENT ON COLUMN tasks.task_id IS '第三方任务ID';
COMMENT ON COLUMN tasks.platform IS '平台类型';
COMMENT ON COLUMN tasks.user_id IS '用户ID';
COMMENT ON COLUMN tasks.channel_id IS '渠道ID';
COMMENT ON COLUMN tasks.quota IS '消耗配额';
COMMENT ON COLUMN tasks.action IS '任务类型';
COMMENT ON COLUMN tasks.status IS '任务状态';
COMMENT ON COLUMN tasks.fail_reason IS '失败原因';
COMMENT ON COLUMN tasks.submit_time IS '提交时间戳';
COMMENT ON COLUMN tasks.start_time IS '开始时间戳';
COMMENT ON COLUMN tasks.finish_time IS '完成时间戳';
COMMENT ON COLUMN tasks.progress IS '进度';
COMMENT ON COLUMN tasks.properties IS '任务属性';
COMMENT ON COLUMN tasks.data IS '任务数据';

CREATE TABLE options (
    key_name   VARCHAR(255) NOT NULL,
    value      TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_options PRIMARY KEY (key_name)
);

COMMENT ON TABLE options IS '系统选项';
COMMENT ON COLUMN options.key_name IS '配置键';
COMMENT ON COLUMN options.value IS '配置值';
CREATE TRIGGER trg_options_updated_at BEFORE UPDATE ON options FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();

CREATE TABLE setup (
    id         SERIAL NOT NULL,
    is_setup   BOOLEAN DEFAULT FALSE,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_setup PRIMARY KEY (id)
);

COMMENT ON TABLE setup IS '初始化配置';
COMMENT ON COLUMN setup.is_setup IS '是否已初始化';
CREATE TRIGGER trg_setup_updated_at BEFORE UPDATE ON setup FOR EACH ROW EXECUTE PROCEDURE veloera_touch_updated_at();
