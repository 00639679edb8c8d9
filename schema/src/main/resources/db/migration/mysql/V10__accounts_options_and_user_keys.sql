-- accounts (issue 7): the command side's copy of the options it decides with (registration, check-in, transfers),
-- written by command-service in the same transaction as each OptionChangedEvent; usernames unique regardless of
-- case through username_key (NFKC, lower case; filled for existing rows by the Java migration V12); users.remark for the admin's note. Access tokens
-- are kept as their SHA-256 (44 characters of Base64), so the columns that hold them widen to CHAR(44).
CREATE TABLE cmd_option (
    key_name VARCHAR(255) NOT NULL,
    value    TEXT NULL,
    PRIMARY KEY (key_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

ALTER TABLE cmd_user_directory
    ADD COLUMN username_key VARCHAR(64) NULL,
    MODIFY access_token CHAR(44) NULL;
ALTER TABLE cmd_user_directory ADD UNIQUE KEY uk_cmd_user_directory_username_key (username_key);

ALTER TABLE users
    ADD COLUMN remark VARCHAR(255) NULL COMMENT '管理员备注',
    MODIFY access_token CHAR(44) COMMENT '系统管理 Token';
