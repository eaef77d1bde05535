-- Scans per query and table (Serverless: SYS_QUERY_DETAIL). input_rows = rows read, output_rows =
-- rows after filters. A query rewritten into child queries repeats segment numbers in each child,
-- so scan steps are first gathered per child query and segment; SYS_QUERY_DETAIL records times per
-- segment (on the segment's own row, step_id -1), so each segment's time counts once however many
-- scan steps it holds. Finished queries only, as in queries.sql.
SELECT s.query_id AS "query", s.table_id, trim(max(s.table_name)) AS table_name, sum(s.steps) AS steps,
       sum(s.output_rows) AS "rows", sum(s.input_rows) AS rows_pre_filter, sum(s.output_bytes) AS "bytes",
       min(COALESCE(g.start_time, s.start_time)) AS starttime, max(COALESCE(g.end_time, s.end_time)) AS endtime,
       sum(COALESCE(g.duration, s.duration)) AS duration, max(s.range_restricted) AS range_restricted
FROM (SELECT d.query_id, d.child_query_sequence, d.segment_id, d.table_id, max(d.table_name) AS table_name, count(*) AS steps,
             sum(d.output_rows) AS output_rows, sum(d.input_rows) AS input_rows, sum(d.output_bytes) AS output_bytes,
             min(d.start_time) AS start_time, max(d.end_time) AS end_time, max(d.duration) AS duration,
             max(CASE WHEN d.is_rrscan = 't' THEN 1 ELSE 0 END) AS range_restricted
      FROM sys_query_detail d
      JOIN sys_query_history h ON h.query_id = d.query_id
      WHERE trim(d.step_name) = 'scan' AND d.step_id >= 0 AND d.table_id IS NOT NULL
        AND h.end_time > ? AND h.end_time <= ? AND trim(h.status) IN ('success', 'failed', 'canceled')
        AND COALESCE(trim(h.query_label), '') <> ?
      GROUP BY d.query_id, d.child_query_sequence, d.segment_id, d.table_id) s
LEFT JOIN sys_query_detail g
       ON g.query_id = s.query_id AND g.child_query_sequence = s.child_query_sequence AND g.segment_id = s.segment_id
      AND g.step_id = -1
GROUP BY s.query_id, s.table_id
ORDER BY s.query_id, s.table_id
