-- Axon Framework 4.13 JDBC stores (JdbcEventStorageEngine, JdbcTokenStore, JdbcSagaStore) with snake_case
-- names: Axon's JDBC defaults are camelCase (DomainEventEntry, globalIndex, ...), so the services configure
-- EventSchema / TokenSchema / SagaSchema with these names (docs/schema.md lists the builder calls).
-- Columns follow Axon's MySqlEventTableFactory; payloads are LONGBLOB rather than its BLOB (64 KiB cap).

CREATE TABLE domain_event_entry (
    global_index         BIGINT NOT NULL AUTO_INCREMENT,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            LONGBLOB,
    payload              LONGBLOB NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    -- two writers on one aggregate collide here; Axon turns the violation into a ConcurrencyException
    UNIQUE KEY uk_domain_event_entry_aggregate_seq (aggregate_identifier, sequence_number),
    UNIQUE KEY uk_domain_event_entry_event_id (event_identifier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            LONGBLOB,
    payload              LONGBLOB NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE KEY uk_snapshot_event_entry_event_id (event_identifier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER NOT NULL,
    token          LONGBLOB NULL,
    token_type     VARCHAR(255) NULL,
    timestamp      VARCHAR(255) NULL,
    owner          VARCHAR(255) NULL,
    PRIMARY KEY (processor_name, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga LONGBLOB,
    PRIMARY KEY (saga_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

CREATE TABLE association_value_entry (
    id                BIGINT NOT NULL AUTO_INCREMENT,
    association_key   VARCHAR(255),
    association_value VARCHAR(255),
    saga_id           VARCHAR(255),
    saga_type         VARCHAR(255),
    PRIMARY KEY (id),
    -- the lookups JdbcSagaStore runs: by (type, key, value) and by (saga id, type)
    INDEX idx_association_value_entry_type_key_value (saga_type, association_key, association_value),
    INDEX idx_association_value_entry_saga_id_type (saga_id, saga_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;

-- db-scheduler 16.7.1 (persistent Axon deadlines through DbSchedulerDeadlineManager), as its mysql_tables.sql.
-- execution_time gets an explicit DEFAULT so that MySQL 5.7 (explicit_defaults_for_timestamp=OFF) does not
-- give it an implicit ON UPDATE CURRENT_TIMESTAMP, which would reschedule a task on every heartbeat.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP(6) NULL,
    last_failure         TIMESTAMP(6) NULL,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP(6) NULL,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance),
    INDEX execution_time_idx (execution_time),
    INDEX last_heartbeat_idx (last_heartbeat),
    INDEX priority_execution_time_idx (priority DESC, execution_time ASC)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;
