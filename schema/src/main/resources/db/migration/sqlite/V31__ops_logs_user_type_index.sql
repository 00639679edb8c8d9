-- The user's log reads (issue 8): /api/log/self filtered by type and time, and /api/log/self/stat's SUM(quota)
-- answered from the index (bench/log-queries.sh, docs/benchmarks.md).
CREATE INDEX idx_logs_user_type_time ON logs (user_id, type, created_at, quota);
