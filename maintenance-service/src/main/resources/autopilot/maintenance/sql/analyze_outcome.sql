-- The table's explicit ANALYZE that started since the run began (cluster time), as Redshift recorded it.
SELECT trim(status), modified_rows, "rows", analyze_threshold_percent
FROM sys_analyze_history
WHERE table_id = ? AND start_time >= ? AND trim(is_automatic) = 'f'
ORDER BY start_time DESC
LIMIT 1
