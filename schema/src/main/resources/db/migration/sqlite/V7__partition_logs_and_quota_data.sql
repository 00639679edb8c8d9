-- Seed section 3.2 partitions logs and quota_data by month on MySQL and PostgreSQL. SQLite has no partitioning:
-- the tables keep their V1/V6 keys (id; uk_logs_request_id on request_id alone) and retention deletes in
-- batches. This version exists so that every engine reports the same schema version.
SELECT 1;
