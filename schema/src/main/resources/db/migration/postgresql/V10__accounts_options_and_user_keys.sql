-- accounts (issue 7): the command side's copy of the options it decides with (registration, check-in, transfers),
-- written by command-service in the same transaction as each OptionChangedEvent; usernames unique regardless of
-- case through username_key (NFKC, lower case; filled for existing rows by the Java migration V12); users.remark for the admin's note. Access tokens
-- are kept as their SHA-256 (44 characters of Base64), so the columns that hold them widen.
CREATE TABLE cmd_option (
    key_name VARCHAR(255) NOT NULL,
    value    TEXT,
    CONSTRAINT pk_cmd_option PRIMARY KEY (key_name)
);

ALTER TABLE cmd_user_directory ADD COLUMN username_key VARCHAR(64) NULL;
ALTER TABLE cmd_user_directory ADD CONSTRAINT uk_cmd_user_directory_username_key UNIQUE (username_key);
ALTER TABLE cmd_user_directory ALTER COLUMN access_token TYPE VARCHAR(64);

ALTER TABLE users ADD COLUMN remark VARCHAR(255);
ALTER TABLE users ALTER COLUMN access_token TYPE VARCHAR(64);
COMMENT ON COLUMN users.remark IS '管理员备注';
