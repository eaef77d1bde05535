-- Scan steps per query and table (Serverless: SYS_QUERY_DETAIL). input_rows = rows read,
-- output_rows = rows after filters.
SELECT d.query_id AS "query", d.table_id, trim(d.table_name) AS table_name, count(*) AS steps,
       sum(d.output_rows) AS "rows", sum(d.input_rows) AS rows_pre_filter, sum(d.output_bytes) AS "bytes",
       min(d.start_time) AS starttime, max(d.end_time) AS endtime, sum(d.duration) AS duration,
       max(CASE WHEN d.is_rrscan = 't' THEN 1 ELSE 0 END) AS range_restricted
FROM sys_query_detail d
JOIN sys_query_history h ON h.query_id = d.query_id
WHERE trim(d.step_name) = 'scan' AND d.table_id IS NOT NULL
  AND h.end_time > ? AND h.end_time <= ? AND trim(h.query_label) <> ?
GROUP BY d.query_id, d.table_id, d.table_name
ORDER BY d.query_id, d.table_id
