-- Veloera core tables in their v0.2 state (seed section 2 and the indexes of section 3.1).
-- Later versions arrive as V2 (v0.3) and V3 (v0.4) so that a v0.2 database upgrades in place.
-- SQLite keeps column comments only as SQL comments (they stay visible in sqlite_schema.sql).
-- Index names carry the table name because SQLite index names are unique per schema (docs/schema.md).

CREATE TABLE users (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    username          VARCHAR(64) NOT NULL,
    password          VARCHAR(255) NOT NULL,
    display_name      VARCHAR(64),
    role              INT DEFAULT 1,                         -- 1:普通用户 10:管理员 100:超级管理员
    status            INT DEFAULT 1,                         -- 1:启用 2:禁用
    email             VARCHAR(255),
    github_id         VARCHAR(64),
    oidc_id           VARCHAR(64),
    wechat_id         VARCHAR(64),
    telegram_id       VARCHAR(64),
    access_token      CHAR(32),                              -- 系统管理 Token
    quota             INT DEFAULT 0,                         -- 用户配额
    used_quota        INT DEFAULT 0,                         -- 已使用配额
    request_count     INT DEFAULT 0,                         -- 请求次数
    group_name        VARCHAR(64) DEFAULT 'default',         -- 用户组
    aff_code          VARCHAR(32),                           -- 推荐码
    aff_count         INT DEFAULT 0,                         -- 推荐人数
    aff_quota         INT DEFAULT 0,                         -- 推荐剩余额度
    aff_history_quota INT DEFAULT 0,                         -- 推荐历史额度
    inviter_id        INT,                                   -- 邀请人ID
    created_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at        TIMESTAMP
);

CREATE UNIQUE INDEX uk_users_username ON users (username);
CREATE UNIQUE INDEX uk_users_access_token ON users (access_token);
CREATE UNIQUE INDEX uk_users_aff_code ON users (aff_code);
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
CREATE TRIGGER trg_users_updated_at AFTER UPDATE ON users FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE users SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

CREATE TABLE tokens (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id              INT NOT NULL,
    key_hash             CHAR(48) NOT NULL,                  -- API Key 哈希
    status               INT DEFAULT 1,                      -- 1:启用 2:禁用
    name                 VARCHAR(255),                       -- Token 名称
    created_time         BIGINT,                             -- 创建时间戳
    accessed_time        BIGINT,                             -- 最后访问时间
    expired_time         BIGINT DEFAULT -1,                  -- 过期时间，-1表示永不过期
    remain_quota         INT DEFAULT 0,                      -- 剩余配额
    unlimited_quota      BOOLEAN DEFAULT 0,                  -- 无限配额
    used_quota           INT DEFAULT 0,                      -- 已使用配额
    model_limits_enabled BOOLEAN DEFAULT 0,                  -- 是否启用模型限制
    model_limits         VARCHAR(1024) DEFAULT '',           -- 允许的模型列表
    allow_ips            VARCHAR(1024) DEFAULT '',           -- 允许的IP列表
    group_name           VARCHAR(64) DEFAULT '',             -- 所属组
    created_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at           TIMESTAMP,
    CONSTRAINT fk_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uk_tokens_key_hash ON tokens (key_hash);
CREATE INDEX idx_tokens_user_id ON tokens (user_id);
CREATE INDEX idx_tokens_key_hash ON tokens (key_hash);
CREATE INDEX idx_tokens_status ON tokens (status);
CREATE INDEX idx_tokens_name ON tokens (name);
CREATE INDEX idx_tokens_deleted_at ON tokens (deleted_at);
CREATE INDEX idx_tokens_user_status ON tokens (user_id, status);
CREATE INDEX idx_tokens_key_status ON tokens (key_hash, status);
CREATE TRIGGER trg_tokens_updated_at AFTER UPDATE ON tokens FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE tokens SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

CREATE TABLE channels (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    type                 INT DEFAULT 0,                      -- 渠道类型（OpenAI=0, Claude=1等）
    key_value            TEXT NOT NULL,                      -- API Key（支持多个，逗号分隔）
    openai_organization  VARCHAR(255),                       -- OpenAI 组织ID
    test_model           VARCHAR(255),                       -- 测试模型
    status               INT DEFAULT 1,                      -- 1:启用 2:禁用 3:自动禁用
    name                 VARCHAR(255),                       -- 渠道名称
    weight               INT DEFAULT 0,                      -- 权重
    created_time         BIGINT,                             -- 创建时间戳
    test_time            BIGINT,                             -- 测试时间戳
    response_time        INT DEFAULT 0,                      -- 响应时间（毫秒）
    base_url             VARCHAR(512) DEFAULT '',            -- 自定义API地址
    other                TEXT,                               -- 其他配置
    balance              DECIMAL(10,2) DEFAULT 0,            -- 余额（美元）
    balance_updated_time BIGINT,                             -- 余额更新时间
    models               TEXT,                               -- 支持的模型列表
    group_name           VARCHAR(64) DEFAULT 'default',      -- 渠道组
    used_quota           BIGINT DEFAULT 0,                   -- 已使用配额
    model_mapping        TEXT,                               -- 模型映射配置
    status_code_mapping  VARCHAR(1024) DEFAULT '',           -- 状态码映射
    priority             BIGINT DEFAULT 0,                   -- 优先级
    auto_ban             INT DEFAULT 1,                      -- 自动封禁设置
    other_info           TEXT,                               -- 其他信息
    created_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_channels_type ON channels (type);
CREATE INDEX idx_channels_status ON channels (status);
CREATE INDEX idx_channels_name ON channels (name);
CREATE INDEX idx_channels_group_name ON channels (group_name);
CREATE INDEX idx_channels_priority ON channels (priority);
CREATE INDEX idx_channels_type_status ON channels (type, status);
CREATE INDEX idx_channels_group_status ON channels (group_name, status);
CREATE TRIGGER trg_channels_updated_at AFTER UPDATE ON channels FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE channels SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

-- abilities: 渠道能力映射
CREATE TABLE abilities (
    group_name VARCHAR(64) NOT NULL,                         -- 用户组
    model      VARCHAR(255) NOT NULL,                        -- 模型名称
    channel_id INT NOT NULL,                                 -- 渠道ID
    enabled    BOOLEAN DEFAULT 1,                            -- 是否启用
    priority   BIGINT DEFAULT 0,                             -- 优先级
    weight     INT DEFAULT 0,                                -- 权重
    tag        VARCHAR(255),                                 -- 标签
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
CREATE TRIGGER trg_abilities_updated_at AFTER UPDATE ON abilities FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE abilities SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

CREATE TABLE logs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id           INT,                                   -- 用户ID
    created_at        BIGINT,                                -- 创建时间戳
    type              INT DEFAULT 0,                         -- 日志类型
    content           TEXT,                                  -- 日志内容
    username          VARCHAR(64),                           -- 用户名
    token_name        VARCHAR(255),                          -- Token名称
    model_name        VARCHAR(255),                          -- 模型名称
    quota             INT DEFAULT 0,                         -- 消耗配额
    prompt_tokens     INT DEFAULT 0,                         -- 输入Token数
    completion_tokens INT DEFAULT 0,                         -- 输出Token数
    use_time          INT DEFAULT 0,                         -- 使用时间（毫秒）
    is_stream         BOOLEAN DEFAULT 0,                     -- 是否流式
    channel_id        INT,                                   -- 渠道ID
    token_id          INT,                                   -- Token ID
    group_name        VARCHAR(64),                           -- 用户组
    other             TEXT                                   -- 其他信息
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

-- quota_data: 配额统计
CREATE TABLE quota_data (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INT,                                          -- 用户ID
    username   VARCHAR(64),                                  -- 用户名
    model_name VARCHAR(64),                                  -- 模型名称
    created_at BIGINT,                                       -- 统计日期时间戳
    token_used INT DEFAULT 0,                                -- 使用Token数
    count      INT DEFAULT 0,                                -- 请求次数
    quota      INT DEFAULT 0                                 -- 消耗配额
);

CREATE INDEX idx_quota_data_user_id ON quota_data (user_id);
CREATE INDEX idx_quota_data_username ON quota_data (username);
CREATE INDEX idx_quota_data_model_name ON quota_data (model_name);
CREATE INDEX idx_quota_data_created_at ON quota_data (created_at);
CREATE INDEX idx_quota_data_model_user_name ON quota_data (model_name, username);

-- redemptions: 兑换码
CREATE TABLE redemptions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INT,                                       -- 创建者用户ID
    key_value     CHAR(32) NOT NULL,                         -- 兑换码
    status        INT DEFAULT 1,                             -- 1:未使用 2:已使用
    name          VARCHAR(255),                              -- 兑换码名称
    quota         INT DEFAULT 100,                           -- 兑换额度
    created_time  BIGINT,                                    -- 创建时间戳
    redeemed_time BIGINT,                                    -- 兑换时间戳
    used_user_id  INT,                                       -- 使用者用户ID
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    deleted_at    TIMESTAMP
);

CREATE UNIQUE INDEX uk_redemptions_key_value ON redemptions (key_value);
CREATE INDEX idx_redemptions_user_id ON redemptions (user_id);
CREATE INDEX idx_redemptions_key_value ON redemptions (key_value);
CREATE INDEX idx_redemptions_status ON redemptions (status);
CREATE INDEX idx_redemptions_name ON redemptions (name);
CREATE INDEX idx_redemptions_deleted_at ON redemptions (deleted_at);
CREATE TRIGGER trg_redemptions_updated_at AFTER UPDATE ON redemptions FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE redemptions SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

-- topups: 充值记录
CREATE TABLE topups (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INT NOT NULL,                             -- 用户ID
    amount         DECIMAL(10,2),                            -- 充值金额
    quota          INT,                                      -- 充值配额
    trade_no       VARCHAR(255),                             -- 交易号
    status         INT DEFAULT 1,                            -- 1:待支付 2:已支付 3:已取消
    payment_method VARCHAR(64),                              -- 支付方式
    created_time   BIGINT,                                   -- 创建时间戳
    paid_time      BIGINT,                                   -- 支付时间戳
    created_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_topups_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uk_topups_trade_no ON topups (trade_no);
CREATE INDEX idx_topups_user_id ON topups (user_id);
CREATE INDEX idx_topups_trade_no ON topups (trade_no);
CREATE INDEX idx_topups_status ON topups (status);
CREATE INDEX idx_topups_payment_method ON topups (payment_method);
CREATE INDEX idx_topups_created_time ON topups (created_time);
CREATE TRIGGER trg_topups_updated_at AFTER UPDATE ON topups FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE topups SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

-- midjourney: Midjourney任务
CREATE TABLE midjourney (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INT,                                         -- 用户ID
    code        INT,                                         -- 响应代码
    action      VARCHAR(40),                                 -- 任务类型
    mj_id       VARCHAR(255),                                -- Midjourney任务ID
    prompt      TEXT,                                        -- 提示词
    prompt_en   TEXT,                                        -- 英文提示词
    description TEXT,                                        -- 描述
    state       VARCHAR(255),                                -- 状态
    submit_time BIGINT,                                      -- 提交时间戳
    start_time  BIGINT,                                      -- 开始时间戳
    finish_time BIGINT,                                      -- 完成时间戳
    image_url   TEXT,                                        -- 图片URL
    status      VARCHAR(20),                                 -- 任务状态
    progress    VARCHAR(20),                                 -- 进度
    fail_reason TEXT,                                        -- 失败原因
    channel_id  INT,                                         -- 渠道ID
    quota       INT,                                         -- 消耗配额
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_midjourney_user_id ON midjourney (user_id);
CREATE INDEX idx_midjourney_action ON midjourney (action);
CREATE INDEX idx_midjourney_mj_id ON midjourney (mj_id);
CREATE INDEX idx_midjourney_status ON midjourney (status);
CREATE INDEX idx_midjourney_channel_id ON midjourney (channel_id);
CREATE INDEX idx_midjourney_submit_time ON midjourney (submit_time);
CREATE TRIGGER trg_midjourney_updated_at AFTER UPDATE ON midjourney FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE midjourney SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

-- tasks: 通用任务
CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  BIGINT,                                      -- 创建时间戳
    updated_at  BIGINT,                                      -- 更新时间戳
    task_id     VARCHAR(50),                                 -- 第三方任务ID
    platform    VARCHAR(30),                                 -- 平台类型
    user_id     INT,                                         -- 用户ID
    channel_id  INT,                                         -- 渠道ID
    quota       INT,                                         -- 消耗配额
    action      VARCHAR(40),                                 -- 任务类型
    status      VARCHAR(20),                                 -- 任务状态
    fail_reason TEXT,                                        -- 失败原因
    submit_time BIGINT,                                      -- 提交时间戳
    start_time  BIGINT,                                      -- 开始时间戳
    finish_time BIGINT,                                      -- 完成时间戳
    progress    VARCHAR(20),                                 -- 进度
    properties  TEXT,                                        -- 任务属性
    data        TEXT                                         -- 任务数据
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

-- options: 系统选项
CREATE TABLE options (
    key_name   VARCHAR(255) NOT NULL,                        -- 配置键
    value      TEXT,                                         -- 配置值
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_options PRIMARY KEY (key_name)
);

CREATE TRIGGER trg_options_updated_at AFTER UPDATE ON options FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE options SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;

-- setup: 初始化配置
CREATE TABLE setup (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    is_setup   BOOLEAN DEFAULT 0,                            -- 是否已初始化
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER trg_setup_updated_at AFTER UPDATE ON setup FOR EACH ROW
    WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE setup SET updated_at = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid;
END;
