-- Lines COPY rejected in the lookback (SYS_LOAD_ERROR_DETAIL), newest first, at most 5,000; as the
-- provisioned source, read whole each cycle.
SELECT query_id AS "query", table_id, start_time AS starttime, trim(file_name) AS filename, line_number,
       trim(column_name) AS "column", error_code AS err_code, trim(error_message) AS reason, "position"
FROM sys_load_error_detail
WHERE start_time >= ?
ORDER BY start_time DESC, query_id DESC, line_number
LIMIT 5000
