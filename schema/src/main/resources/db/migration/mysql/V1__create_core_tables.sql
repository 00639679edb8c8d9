-- Veloera core tables in their v0.2 state (seed section 2 and the indexes of section 3.1).
-- Later versions arrive as V2 (v0.3) and V3 (v0.4) so that a v0.2 database upgrades in place.
-- Index names are the same as on PostgreSQL/SQLite (table-prefixed, docs/schema.md).
-- TIMESTAMP columns say NULL explicitly: with explicit_defaults_for_timestamp=OFF (MySQL 5.7's default)
-- they would otherwise become NOT NULL and the first one would get an implicit ON UPDATE.
-- ROW_FORMAT=DYNAMIC: MySQL 5.7.8 still defaults to COMPACT, whose 767-byte key limit rejects an index on a
-- utf8mb4 VARCHAR(255) (1020 bytes); 5.7.9+ and MariaDB 10.2+ default to DYNAMIC anyway.

CREATE TABLE users (
    id                INT NOT NULL AUTO_INCREMENT,
    username          VARCHAR(64) NOT NULL,
    password          VARCHAR(255) NOT NULL,
    display_name      VARCHAR(64),
    role              INT DEFAULT 1 COMMENT '1:普通用户 10:管理员 100:超级管理员',
    status            INT DEFAULT 1 COMMENT '1:启用 2:禁用',
    email             VARCHAR(255),
    github_id         VARCHAR(64),
    oidc_id           VARCHAR(64),
    wechat_id         VARCHAR(64),
    telegram_id       VARCHAR(64),
    access_token      CHAR(32) COMMENT '系统管理 Token',
    quota             INT DEFAULT 0 COMMENT '用户配额',
    used_quota        INT DEFAULT 0 COMMENT '已使用配额',
    request_count     INT DEFAULT 0 COMMENT '请求次数',
    group_name        VARCHAR(64) DEFAULT 'default' COMMENT '用户组',
    aff_code          VARCHAR(32) COMMENT '推荐码',
    aff_count         INT DEFAULT 0 COMMENT '推荐人数',
    aff_quota         INT DEFAULT 0 COMMENT '推荐剩余额度',
    aff_history_quota INT DEFAULT 0 COMMENT '推荐历史额度',
    inviter_id        INT COMMENT '邀请人ID',
    created_at        TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at        TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    deleted_at        TIMESTAMP NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_username (username),
    UNIQUE KEY uk_users_access_token (access_token),
    UNIQUE KEY uk_users_aff_code (aff_code),
    INDEX idx_users_username (username),
    INDEX idx_users_email (email),
    INDEX idx_users_github_id (github_id),
    INDEX idx_users_oidc_id (oidc_id),
    INDEX idx_users_wechat_id (wechat_id),
    INDEX idx_users_telegram_id (telegram_id),
    INDEX idx_users_access_token (access_token),
    INDEX idx_users_aff_code (aff_code),
    INDEX idx_users_inviter_id (inviter_id),
    INDEX idx_users_deleted_at (deleted_at),
    INDEX idx_users_username_status (username, status),
    INDEX idx_users_email_status (email, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;


CREATE TABLE tokens (
    id                   INT NOT NULL AUTO_INCREMENT,
    user_id              INT NOT NULL,
    key_hash             CHAR(48) NOT NULL COMMENT 'API Key 哈希',
    status               INT DEFAULT 1 COMMENT '1:启用 2:禁用',
    name                 VARCHAR(255) COMMENT 'Token 名称',
    created_time         BIGINT COMMENT '创建时间戳',
    accessed_time        BIGINT COMMENT '最后访问时间',
    expired_time         BIGINT DEFAULT -1 COMMENT '过期时间，-1表示永不过期',
    remain_quota         INT DEFAULT 0 COMMENT '剩余配额',
    unlimited_quota      BOOLEAN DEFAULT FALSE COMMENT '无限配额',
    used_quota           INT DEFAULT 0 COMMENT '已使用配额',
    model_limits_enabled BOOLEAN DEFAULT FALSE COMMENT '是否启用模型限制',
    model_limits         VARCHAR(1024) DEFAULT '' COMMENT '允许的模型列表',
    allow_ips            VARCHAR(1024) DEFAULT '' COMMENT '允许的IP列表',
    group_name           VARCHAR(64) DEFAULT '' COMMENT '所属组',
    created_at           TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    deleted_at           TIMESTAMP NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_tokens_key_hash (key_hash),
    INDEX idx_tokens_user_id (user_id),
    INDEX idx_tokens_key_hash (key_hash),
    INDEX idx_tokens_status (status),
    INDEX idx_tokens_name (name),
    INDEX idx_tokens_deleted_at (deleted_at),
    INDEX idx_tokens_user_status (user_id, status),
    INDEX idx_tokens_key_status (key_hash, status),
    CONSTRAINT fk_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;


CREATE TABLE channels (
    id                   INT NOT NULL AUTO_INCREMENT,
    type                 INT DEFAULT 0 COMMENT '渠道类型（OpenAI=0, Claude=1等）',
    key_value            TEXT NOT NULL COMMENT 'API Key（支持多个，逗号分隔）',
    openai_organization  VARCHAR(255) COMMENT 'OpenAI 组织ID',
    test_model           VARCHAR(255) COMMENT '测试模型',
    status               INT DEFAULT 1 COMMENT '1:启用 2:禁用 3:自动禁用',
    name                 VARCHAR(255) COMMENT '渠道名称',
    weight               INT DEFAULT 0 COMMENT '权重',
    created_time         BIGINT COMMENT '创建时间戳',
    test_time            BIGINT COMMENT '测试时间戳',
    response_time        INT DEFAULT 0 COMMENT '响应时间（毫秒）',
    base_url             VARCHAR(512) DEFAULT '' COMMENT '自定义API地址',
    other                TEXT COMMENT '其他配置',
    balance              DECIMAL(10,2) DEFAULT 0 COMMENT '余额（美元）',
    balance_updated_time BIGINT COMMENT '余额更新时间',
    models               TEXT COMMENT '支持的模型列表',
    group_name           VARCHAR(64) DEFAULT 'default' COMMENT '渠道组',
    used_quota           BIGINT DEFAULT 0 COMMENT '已使用配额',
    model_mapping        TEXT COMMENT '模型映射配置',
    status_code_mapping  VARCHAR(1024) DEFAULT '' COMMENT '状态码映射',
    priority             BIGINT DEFAULT 0 COMMENT '优先级',
    auto_ban             INT DEFAULT 1 COMMENT '自动封禁设置',
    other_info           TEXT COMMENT '其他信息',
    created_at           TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    INDEX idx_channels_type (type),
    INDEX idx_channels_status (status),
    INDEX idx_channels_name (name),
    INDEX idx_channels_group_name (group_name),
    INDEX idx_channels_priority (priority),
    INDEX idx_channels_type_status (type, status),
    INDEX idx_channels_group_status (group_name, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;


CREATE TABLE abilities (
    group_name VARCHAR(64) NOT NULL COMMENT '用户组',
    model      VARCHAR(255) NOT NULL COMMENT '模型名称',
    channel_id INT NOT NULL COMMENT '渠道ID',
    enabled    BOOLEAN DEFAULT TRUE COMMENT '是否启用',
    priority   BIGINT DEFAULT 0 COMMENT '优先级',
    weight     INT DEFAULT 0 COMMENT '权重',
    tag        VARCHAR(255) COMMENT '标签',
    created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (group_name, model, channel_id),
    INDEX idx_abilities_channel_id (channel_id),
    INDEX idx_abilities_enabled (enabled),
    INDEX idx_abilities_priority (priority),
    INDEX idx_abilities_weight (weight),
    INDEX idx_abilities_tag (tag),
    INDEX idx_abilities_group_model (group_name, model),
    INDEX idx_abilities_model_enabled (model, enabled),
    CONSTRAINT fk_abilities_channel_id FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='渠道能力映射';


CREATE TABLE logs (
    id                BIGINT NOT NULL AUTO_INCREMENT,
    user_id           INT COMMENT '用户ID',
    created_at        BIGINT COMMENT '创建时间戳',
    type              INT DEFAULT 0 COMMENT '日志类型',
    content           TEXT COMMENT '日志内容',
    username          VARCHAR(64) COMMENT '用户名',
    token_name        VARCHAR(255) COMMENT 'Token名称',
    model_name        VARCHAR(255) COMMENT '模型名称',
    quota             INT DEFAULT 0 COMMENT '消耗配额',
    prompt_tokens     INT DEFAULT 0 COMMENT '输入Token数',
    completion_tokens INT DEFAULT 0 COMMENT '输出Token数',
    use_time          INT DEFAULT 0 COMMENT '使用时间（毫秒）',
    is_stream         BOOLEAN DEFAULT FALSE COMMENT '是否流式',
    channel_id        INT COMMENT '渠道ID',
    token_id          INT COMMENT 'Token ID',
    group_name        VARCHAR(64) COMMENT '用户组',
    other             TEXT COMMENT '其他信息',
    PRIMARY KEY (id),
    INDEX idx_logs_user_id (user_id),
    INDEX idx_logs_created_at (created_at),
    INDEX idx_logs_type (type),
    INDEX idx_logs_username (username),
    INDEX idx_logs_model_name (model_name),
    INDEX idx_logs_channel_id (channel_id),
    INDEX idx_logs_token_id (token_id),
    INDEX idx_logs_group_name (group_name),
    INDEX idx_logs_user_time (user_id, created_at),
    INDEX idx_logs_model_time (model_name, created_at),
    INDEX idx_logs_channel_time (channel_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;


CREATE TABLE quota_data (
    id         INT NOT NULL AUTO_INCREMENT,
    user_id    INT COMMENT '用户ID',
    username   VARCHAR(64) COMMENT '用户名',
    model_name VARCHAR(64) COMMENT '模型名称',
    created_at BIGINT COMMENT '统计日期时间戳',
    token_used INT DEFAULT 0 COMMENT '使用Token数',
    count      INT DEFAULT 0 COMMENT '请求次数',
    quota      INT DEFAULT 0 COMMENT '消耗配额',
    PRIMARY KEY (id),
    INDEX idx_quota_data_user_id (user_id),
    INDEX idx_quota_data_username (username),
    INDEX idx_quota_data_model_name (model_name),
    INDEX idx_quota_data_created_at (created_at),
    INDEX idx_quota_data_model_user_name (model_name, username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='配额统计';


CREATE TABLE redemptions (
    id            INT NOT NULL AUTO_INCREMENT,
    user_id       INT COMMENT '创建者用户ID',
    key_value     CHAR(32) NOT NULL COMMENT '兑换码',
    status        INT DEFAULT 1 COMMENT '1:未使用 2:已使用',
    name          VARCHAR(255) COMMENT '兑换码名称',
    quota         INT DEFAULT 100 COMMENT '兑换额度',
    created_time  BIGINT COMMENT '创建时间戳',
    redeemed_time BIGINT COMMENT '兑换时间戳',
    used_user_id  INT COMMENT '使用者用户ID',
    created_at    TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    deleted_at    TIMESTAMP NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_redemptions_key_value (key_value),
    INDEX idx_redemptions_user_id (user_id),
    INDEX idx_redemptions_key_value (key_value),
    INDEX idx_redemptions_status (status),
    INDEX idx_redemptions_name (name),
    INDEX idx_redemptions_deleted_at (deleted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='兑换码';


CREATE TABLE topups (
    id             INT NOT NULL AUTO_INCREMENT,
    user_id        INT NOT NULL COMMENT '用户ID',
    amount         DECIMAL(10,2) COMMENT '充值金额',
    quota          INT COMMENT '充值配额',
    trade_no       VARCHAR(255) COMMENT '交易号',
    status         INT DEFAULT 1 COMMENT '1:待支付 2:已支付 3:已取消',
    payment_method VARCHAR(64) COMMENT '支付方式',
    created_time   BIGINT COMMENT '创建时间戳',
    paid_time      BIGINT COMMENT '支付时间戳',
    created_at     TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uk_topups_trade_no (trade_no),
    INDEX idx_topups_user_id (user_id),
    INDEX idx_topups_trade_no (trade_no),
    INDEX idx_topups_status (status),
    INDEX idx_topups_payment_method (payment_method),
    INDEX idx_topups_created_time (created_time),
    CONSTRAINT fk_topups_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='充值记录';


CREATE TABLE midjourney (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    user_id     INT COMMENT '用户ID',
    code        INT COMMENT '响应代码',
    action      VARCHAR(40) COMMENT '任务类型',
    mj_id       VARCHAR(255) COMMENT 'Midjourney任务ID',
    prompt      TEXT COMMENT '提示词',
    prompt_en   TEXT COMMENT '英文提示词',
    description TEXT COMMENT '描述',
    state       VARCHAR(255) COMMENT '状态',
    submit_time BIGINT COMMENT '提交时间戳',
    start_time  BIGINT COMMENT '开始时间戳',
    finish_time BIGINT COMMENT '完成时间戳',
    image_url   TEXT COMMENT '图片URL',
    status      VARCHAR(20) COMMENT '任务状态',
    progress    VARCHAR(20) COMMENT '进度',
    fail_reason TEXT COMMENT '失败原因',
    channel_id  INT COMMENT '渠道ID',
    quota       INT COMMENT '消耗配额',
    created_at  TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    INDEX idx_midjourney_user_id (user_id),
    INDEX idx_midjourney_action (action),
    INDEX idx_midjourney_mj_id (mj_id),
    INDEX idx_midjourney_status (status),
    INDEX idx_midjourney_channel_id (channel_id),
    INDEX idx_midjourney_submit_time (submit_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='Midjourney任务';


CREATE TABLE tasks (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    created_at  BIGINT COMMENT '创建时间戳',
    updated_at  BIGINT COMMENT '更新时间戳',
    task_id     VARCHAR(50) COMMENT '第三方任务ID',
    platform    VARCHAR(30) COMMENT '平台类型',
    user_id     INT COMMENT '用户ID',
    channel_id  INT COMMENT '渠道ID',
    quota       INT COMMENT '消耗配额',
    action      VARCHAR(40) COMMENT '任务类型',
    status      VARCHAR(20) COMMENT '任务状态',
    fail_reason TEXT COMMENT '失败原因',
    submit_time BIGINT COMMENT '提交时间戳',
    start_time  BIGINT COMMENT '开始时间戳',
    finish_time BIGINT COMMENT '完成时间戳',
    progress    VARCHAR(20) COMMENT '进度',
    properties  JSON COMMENT '任务属性',
    data        JSON COMMENT '任务数据',
    PRIMARY KEY (id),
    INDEX idx_tasks_task_id (task_id),
    INDEX idx_tasks_platform (platform),
    INDEX idx_tasks_user_id (user_id),
    INDEX idx_tasks_channel_id (channel_id),
    INDEX idx_tasks_action (action),
    INDEX idx_tasks_status (status),
    INDEX idx_tasks_submit_time (submit_time),
    INDEX idx_tasks_start_time (start_time),
    INDEX idx_tasks_finish_time (finish_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='通用任务';


CREATE TABLE options (
    key_name   VARCHAR(255) NOT NULL COMMENT '配置键',
    value      TEXT COMMENT '配置值',
    created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (key_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='系统选项';


CREATE TABLE setup (
    id         INT NOT NULL AUTO_INCREMENT,
    is_setup   BOOLEAN DEFAULT FALSE COMMENT '是否已初始化',
    created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC COMMENT='初始化配置';
