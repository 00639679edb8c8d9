-- Command-side lookup tables, written only by command-service in the same transaction as the events:
-- set-wide uniqueness (username, access token, aff code, token key) without reading projections.

-- inserting the username claims it and allocates the user id (the UserAccount aggregate identifier)
CREATE TABLE cmd_user_directory (
    user_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    username     VARCHAR(64) NOT NULL,
    access_token CHAR(32) NULL,
    role         INT NOT NULL DEFAULT 1,
    status       INT NOT NULL DEFAULT 1,
    aff_code     VARCHAR(32) NULL
);
CREATE UNIQUE INDEX uk_cmd_user_directory_username ON cmd_user_directory (username);
CREATE UNIQUE INDEX uk_cmd_user_directory_access_token ON cmd_user_directory (access_token);
CREATE UNIQUE INDEX uk_cmd_user_directory_aff_code ON cmd_user_directory (aff_code);

CREATE TABLE cmd_token_key (
    token_id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash CHAR(48) NOT NULL,
    user_id  BIGINT NOT NULL
);
CREATE UNIQUE INDEX uk_cmd_token_key_key_hash ON cmd_token_key (key_hash);

CREATE TABLE cmd_channel_id (
    channel_id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at BIGINT NOT NULL
);
