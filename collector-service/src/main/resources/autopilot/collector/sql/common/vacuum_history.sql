-- VACUUM runs that ended in the window (SYS_VACUUM_HISTORY exists on provisioned and Serverless).
SELECT transaction_id, query_id, trim(database_name) AS database_name, trim(schema_name) AS schema_name,
       trim(table_name) AS table_name, table_id, trim(vacuum_type) AS vacuum_type, is_automatic, trim(status) AS status,
       start_time, end_time, duration, rows_before_vacuum, size_before_vacuum, reclaimable_rows, reclaimed_rows,
       reclaimed_blocks, sortedrows_before_vacuum
FROM sys_vacuum_history
WHERE end_time > ? AND end_time <= ?
ORDER BY end_time, transaction_id, table_id
