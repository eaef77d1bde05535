-- The table's manual VACUUM that started since the run began (cluster time), as Redshift recorded it.
-- None at all: the VACUUM "completed" without doing anything (its user neither owns the table nor is superuser).
SELECT trim(status), reclaimed_rows, rows_before_vacuum, sortedrows_before_vacuum
FROM sys_vacuum_history
WHERE table_id = ? AND start_time >= ? AND NOT is_automatic
ORDER BY start_time DESC
LIMIT 1
