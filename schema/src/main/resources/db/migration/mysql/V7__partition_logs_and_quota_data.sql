-- Seed section 3.2: logs and quota_data range-partitioned by month on created_at (epoch seconds, months in UTC),
-- so that retention drops whole partitions. MySQL needs every unique key of a partitioned table, the primary
-- key included, to contain the partitioning column, and primary key columns are NOT NULL:
--   primary keys become (id, created_at); uk_logs_request_id becomes (request_id, created_at), which still makes
--   a replayed usage record a conflict because its created_at derives from the record; created_at is NOT NULL
--   (existing NULLs become 0). uk_quota_data_user_model_hour already contains created_at.
-- Partitions, as the seed names them: pYYYYMM holds created_at < the first second of the next month (so the
-- first one also holds everything older), one per month from the oldest month holding rows (at most 36 months
-- back) to 3 months ahead, then the catch-all pmax VALUES LESS THAN MAXVALUE. The maintenance job adds months
-- with ALTER TABLE ... REORGANIZE PARTITION pmax INTO (PARTITION pYYYYMM VALUES LESS THAN (...), PARTITION pmax ...).

UPDATE logs SET created_at = 0 WHERE created_at IS NULL;
ALTER TABLE logs
    MODIFY created_at BIGINT NOT NULL COMMENT '创建时间戳',
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, created_at),
    DROP INDEX uk_logs_request_id,
    ADD UNIQUE KEY uk_logs_request_id (request_id, created_at);

UPDATE quota_data SET created_at = 0 WHERE created_at IS NULL;
ALTER TABLE quota_data
    MODIFY created_at BIGINT NOT NULL COMMENT '统计日期时间戳',
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, created_at);

DELIMITER //
CREATE PROCEDURE veloera_partition_by_month(IN tbl VARCHAR(64))
BEGIN
    DECLARE this_month DATE DEFAULT DATE_FORMAT(UTC_DATE(), '%Y-%m-01');
    DECLARE m DATE;
    DECLARE parts TEXT DEFAULT '';
    SET @veloera_min_created = NULL;
    SET @veloera_sql = CONCAT('SELECT MIN(created_at) INTO @veloera_min_created FROM ', tbl, ' WHERE created_at > 0');
    PREPARE stmt FROM @veloera_sql;
    EXECUTE stmt;
    DEALLOCATE PREPARE stmt;
    SET m = COALESCE(DATE_FORMAT(DATE('1970-01-01') + INTERVAL @veloera_min_created SECOND, '%Y-%m-01'), this_month);
    SET m = GREATEST(LEAST(m, this_month), this_month - INTERVAL 36 MONTH);
    WHILE m <= this_month + INTERVAL 3 MONTH DO
        SET parts = CONCAT(parts, 'PARTITION p', DATE_FORMAT(m, '%Y%m'), ' VALUES LESS THAN (',
                           TIMESTAMPDIFF(SECOND, '1970-01-01', m + INTERVAL 1 MONTH), '), ');
        SET m = m + INTERVAL 1 MONTH;
    END WHILE;
    SET @veloera_sql = CONCAT('ALTER TABLE ', tbl, ' PARTITION BY RANGE (created_at) (', parts,
                              'PARTITION pmax VALUES LESS THAN MAXVALUE)');
    PREPARE stmt FROM @veloera_sql;
    EXECUTE stmt;
    DEALLOCATE PREPARE stmt;
END //
DELIMITER ;

CALL veloera_partition_by_month('logs');
CALL veloera_partition_by_month('quota_data');
DROP PROCEDURE veloera_partition_by_month;
