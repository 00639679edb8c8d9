-- The user's log reads (issue 8): /api/log/self filtered by type and time, and /api/log/self/stat's SUM(quota), with
-- the columns the statistic sums carried in the index (INCLUDE, PostgreSQL 11+), so a heavy user's statistic is an
-- index-only scan rather than a heap fetch per row (bench/log-queries.sh, docs/benchmarks.md).
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 110000 THEN
        EXECUTE 'CREATE INDEX IF NOT EXISTS idx_logs_user_type_time ON logs (user_id, type, created_at) '
                'INCLUDE (quota, prompt_tokens, completion_tokens)';
    ELSE
        EXECUTE 'CREATE INDEX IF NOT EXISTS idx_logs_user_type_time ON logs (user_id, type, created_at)';
    END IF;
END
$$;
