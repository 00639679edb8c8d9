-- accounts (issue 7): the command side's copy of the options it decides with (registration, check-in, transfers),
-- written by command-service in the same transaction as each OptionChangedEvent; usernames unique regardless of
-- case through username_key (NFKC, lower case; filled for existing rows by the Java migration V12); users.remark for the admin's note. Access tokens
-- are kept as their SHA-256 (44 characters of Base64), so the columns that hold them widen where the engine cares.
CREATE TABLE cmd_option (
    key_name VARCHAR(255) NOT NULL,
    value    TEXT,
    CONSTRAINT pk_cmd_option PRIMARY KEY (key_name)
);

ALTER TABLE cmd_user_directory ADD COLUMN username_key VARCHAR(64) NULL;
CREATE UNIQUE INDEX uk_cmd_user_directory_username_key ON cmd_user_directory (username_key);

ALTER TABLE users ADD COLUMN remark VARCHAR(255);          -- 管理员备注
