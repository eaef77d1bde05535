-- COPY commands started in the lookback (SYS_LOAD_HISTORY: running, completed or aborted, with their
-- error count), newest first and at most 5,000: read whole each cycle, since a COPY's row changes until
-- it ends. The table is named only (no id).
SELECT query_id AS "query", transaction_id AS xid, session_id AS pid, trim(database_name) AS "database",
       trim(status) AS status, trim(table_name) AS table_name, start_time AS starttime, end_time AS endtime,
       loaded_rows, error_count
FROM sys_load_history
WHERE start_time >= ?
ORDER BY start_time DESC, query_id DESC
LIMIT 5000
