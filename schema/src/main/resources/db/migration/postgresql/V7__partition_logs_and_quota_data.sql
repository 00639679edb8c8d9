-- Seed section 3.2: logs and quota_data range-partitioned by month on created_at (epoch seconds, months in UTC),
-- so that retention drops whole partitions. PostgreSQL needs every unique key of a partitioned table to contain
-- the partition key, and a primary key makes its columns NOT NULL:
--   primary keys become (id, created_at); uk_logs_request_id becomes (request_id, created_at), which still makes
--   a replayed usage record a conflict because its created_at derives from the record; created_at is NOT NULL
--   (existing NULLs become 0). uk_quota_data_user_model_hour already contains created_at.
-- Partitions: one per month from the oldest month holding rows (at most 36 months back) to 3 months ahead,
-- named <table>_pYYYYMM, plus the catch-all DEFAULT partition <table>_pdefault. The maintenance job adds the
-- coming months with veloera_create_month_partitions(table, first_month, last_month) before data reaches them.
-- Declarative partitioning with keys and a DEFAULT partition needs PostgreSQL 11: on 9.6 and 10 the tables stay
-- unpartitioned with their V6 keys (the statements below are EXECUTEd so that older servers can parse them).

CREATE FUNCTION veloera_create_month_partitions(parent TEXT, first_month DATE, last_month DATE) RETURNS INT AS $$
DECLARE
    m       DATE := date_trunc('month', first_month)::date;
    created INT := 0;
    part    TEXT;
BEGIN
    WHILE m <= last_month LOOP
        part := parent || '_p' || to_char(m, 'YYYYMM');
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', part, parent,
                           extract(epoch FROM (m::timestamp AT TIME ZONE 'UTC'))::bigint,
                           extract(epoch FROM ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'))::bigint);
            created := created + 1;
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
    RETURN created;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION veloera_create_month_partitions(TEXT, DATE, DATE) IS
    'Creates the missing monthly partitions <parent>_pYYYYMM of logs or quota_data for first_month..last_month (UTC); returns how many';

CREATE FUNCTION veloera_partition_by_month(tbl TEXT) RETURNS VOID AS $$
DECLARE
    old_tbl     TEXT := tbl || '_unpartitioned';
    seq         TEXT := pg_get_serial_sequence(tbl, 'id');
    this_month  DATE := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    first_month DATE;
BEGIN
    EXECUTE format('UPDATE %I SET created_at = 0 WHERE created_at IS NULL', tbl);
    EXECUTE format('SELECT date_trunc(''month'', to_timestamp(min(created_at)) AT TIME ZONE ''UTC'')::date'
                   ' FROM %I WHERE created_at > 0', tbl) INTO first_month;
    first_month := greatest(least(coalesce(first_month, this_month), this_month), (this_month - interval '36 months')::date);

    EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, old_tbl);
    EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', seq);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING COMMENTS) PARTITION BY RANGE (created_at)',
                   tbl, old_tbl);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN created_at SET NOT NULL', tbl);
    PERFORM veloera_create_month_partitions(tbl, first_month, (this_month + interval '3 months')::date);
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_pdefault', tbl);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl, old_tbl);
    EXECUTE format('DROP TABLE %I', old_tbl);
    EXECUTE format('ALTER SEQUENCE %s OWNED BY %I.id', seq, tbl);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id, created_at)', tbl, 'pk_' || tbl);
END;
$$ LANGUAGE plpgsql;

DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 110000 THEN
        PERFORM veloera_partition_by_month('logs');
        PERFORM veloera_partition_by_month('quota_data');
    ELSE
        RAISE NOTICE 'PostgreSQL before 11: logs and quota_data stay unpartitioned';
    END IF;
END;
$$;

DROP FUNCTION veloera_partition_by_month(TEXT);

-- the indexes of V1 and V6 on the new parents (they propagate to every partition); no-ops where they survived
CREATE INDEX IF NOT EXISTS idx_logs_user_id ON logs (user_id);
CREATE INDEX IF NOT EXISTS idx_logs_created_at ON logs (created_at);
CREATE INDEX IF NOT EXISTS idx_logs_type ON logs (type);
CREATE INDEX IF NOT EXISTS idx_logs_username ON logs (username);
CREATE INDEX IF NOT EXISTS idx_logs_model_name ON logs (model_name);
CREATE INDEX IF NOT EXISTS idx_logs_channel_id ON logs (channel_id);
CREATE INDEX IF NOT EXISTS idx_logs_token_id ON logs (token_id);
CREATE INDEX IF NOT EXISTS idx_logs_group_name ON logs (group_name);
CREATE INDEX IF NOT EXISTS idx_logs_user_time ON logs (user_id, created_at);
CREATE INDEX IF NOT EXISTS idx_logs_model_time ON logs (model_name, created_at);
CREATE INDEX IF NOT EXISTS idx_logs_channel_time ON logs (channel_id, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS uk_logs_request_id ON logs (request_id, created_at);

CREATE INDEX IF NOT EXISTS idx_quota_data_user_id ON quota_data (user_id);
CREATE INDEX IF NOT EXISTS idx_quota_data_username ON quota_data (username);
CREATE INDEX IF NOT EXISTS idx_quota_data_model_name ON quota_data (model_name);
CREATE INDEX IF NOT EXISTS idx_quota_data_created_at ON quota_data (created_at);
CREATE INDEX IF NOT EXISTS idx_quota_data_model_user_name ON quota_data (model_name, username);
CREATE UNIQUE INDEX IF NOT EXISTS uk_quota_data_user_model_hour ON quota_data (user_id, model_name, created_at);

COMMENT ON TABLE quota_data IS '配额统计';
