-- Command-side lookup tables, written only by command-service in the same transaction as the events:
-- set-wide uniqueness (username, access token, aff code, token key) without reading projections.

-- inserting the username claims it and allocates the user id (the UserAccount aggregate identifier)
CREATE TABLE cmd_user_directory (
    user_id      BIGINT NOT NULL AUTO_INCREMENT,
    username     VARCHAR(64) NOT NULL,
    access_token CHAR(32) NULL,
    role         INT NOT NULL DEFAULT 1,
    status       INT NOT NULL DEFAULT 1,
    aff_code     VARCHAR(32) NULL,
    PRIMARY KEY (user_id),
    UNIQUE KEY uk_cmd_user_directory_username (username),
    UNIQUE KEY uk_cmd_user_directory_access_token (access_token),
    UNIQUE KEY uk_cmd_user_directory_aff_code (aff_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE cmd_token_key (
    token_id BIGINT NOT NULL AUTO_INCREMENT,
    key_hash CHAR(48) NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (token_id),
    UNIQUE KEY uk_cmd_token_key_key_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE cmd_channel_id (
    channel_id BIGINT NOT NULL AUTO_INCREMENT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;
