-- ANALYZE runs that ended in the window.
SELECT transaction_id, trim(database_name) AS database_name, trim(table_name) AS table_name, table_id,
       is_automatic, trim(status) AS status, start_time, end_time, "rows", modified_rows, analyze_threshold_percent,
       last_analyze_time
FROM sys_analyze_history
WHERE end_time > ? AND end_time <= ?
ORDER BY end_time, transaction_id, table_id
