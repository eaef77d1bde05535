-- ANALYZE runs that ended in the window, keyed by table_id (table_name is char(30): a longer name is
-- cut, so it names nothing reliably). For a table never analyzed before, last_analyze_time holds a
-- placeholder (2000-01-01), which means "never": it is read as NULL.
SELECT transaction_id, trim(database_name) AS database_name, trim(table_name) AS table_name, table_id,
       is_automatic, trim(status) AS status, start_time, end_time, "rows", modified_rows, analyze_threshold_percent,
       CASE WHEN last_analyze_time < '2000-01-02 00:00:00' THEN NULL ELSE last_analyze_time END AS last_analyze_time
FROM sys_analyze_history
WHERE end_time > ? AND end_time <= ?
ORDER BY end_time, transaction_id, table_id
