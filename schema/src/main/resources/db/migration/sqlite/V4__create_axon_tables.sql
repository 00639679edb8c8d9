-- Axon Framework 4.13 JDBC stores (JdbcEventStorageEngine, JdbcTokenStore, JdbcSagaStore) with snake_case
-- names: Axon's JDBC defaults are camelCase (DomainEventEntry, globalIndex, ...), so the services configure
-- EventSchema / TokenSchema / SagaSchema with these names (docs/schema.md lists the builder calls).
-- Columns and types follow Axon's own table factories; timestamps are ISO-8601 strings as Axon writes them.

CREATE TABLE domain_event_entry (
    global_index         INTEGER PRIMARY KEY AUTOINCREMENT,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BLOB,
    payload              BLOB NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL
);
-- two writers on one aggregate collide here; Axon turns the violation into a ConcurrencyException
CREATE UNIQUE INDEX uk_domain_event_entry_aggregate_seq ON domain_event_entry (aggregate_identifier, sequence_number);
CREATE UNIQUE INDEX uk_domain_event_entry_event_id ON domain_event_entry (event_identifier);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BLOB,
    payload              BLOB NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT pk_snapshot_event_entry PRIMARY KEY (aggregate_identifier, sequence_number)
);
CREATE UNIQUE INDEX uk_snapshot_event_entry_event_id ON snapshot_event_entry (event_identifier);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER NOT NULL,
    token          BLOB NULL,
    token_type     VARCHAR(255) NULL,
    timestamp      VARCHAR(255) NULL,
    owner          VARCHAR(255) NULL,
    CONSTRAINT pk_token_entry PRIMARY KEY (processor_name, segment)
);

CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga BLOB,
    CONSTRAINT pk_saga_entry PRIMARY KEY (saga_id)
);

CREATE TABLE association_value_entry (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    association_key   VARCHAR(255),
    association_value VARCHAR(255),
    saga_id           VARCHAR(255),
    saga_type         VARCHAR(255)
);
-- the lookups JdbcSagaStore runs: by (type, key, value) and by (saga id, type)
CREATE INDEX idx_association_value_entry_type_key_value ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX idx_association_value_entry_saga_id_type ON association_value_entry (saga_id, saga_type);

-- db-scheduler 16.7.1 (persistent Axon deadlines through DbSchedulerDeadlineManager), as its sqlite_tables.sql
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMP NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP,
    last_failure         TIMESTAMP,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    CONSTRAINT pk_scheduled_tasks PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
