-- Command-side lookup tables, written only by command-service in the same transaction as the events:
-- set-wide uniqueness (username, access token, aff code, token key) without reading projections.
-- CHAR(n) is VARCHAR(n) here for the same reason as in V1 (no blank padding on read).

-- inserting the username claims it and allocates the user id (the UserAccount aggregate identifier)
CREATE TABLE cmd_user_directory (
    user_id      BIGSERIAL NOT NULL,
    username     VARCHAR(64) NOT NULL,
    access_token VARCHAR(32) NULL,
    role         INT NOT NULL DEFAULT 1,
    status       INT NOT NULL DEFAULT 1,
    aff_code     VARCHAR(32) NULL,
    CONSTRAINT pk_cmd_user_directory PRIMARY KEY (user_id),
    CONSTRAINT uk_cmd_user_directory_username UNIQUE (username),
    CONSTRAINT uk_cmd_user_directory_access_token UNIQUE (access_token),
    CONSTRAINT uk_cmd_user_directory_aff_code UNIQUE (aff_code)
);

CREATE TABLE cmd_token_key (
    token_id BIGSERIAL NOT NULL,
    key_hash VARCHAR(48) NOT NULL,
    user_id  BIGINT NOT NULL,
    CONSTRAINT pk_cmd_token_key PRIMARY KEY (token_id),
    CONSTRAINT uk_cmd_token_key_key_hash UNIQUE (key_hash)
);

CREATE TABLE cmd_channel_id (
    channel_id BIGSERIAL NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT pk_cmd_channel_id PRIMARY KEY (channel_id)
);
