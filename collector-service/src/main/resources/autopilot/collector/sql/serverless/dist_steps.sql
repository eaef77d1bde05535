-- Data-movement steps (Serverless: SYS_QUERY_DETAIL step_name distribute / broadcast), in the
-- provisioned source's columns: label is dist or bcast as SVL_QUERY_SUMMARY names them, rows and
-- bytes the step's input, maxtime its duration (microseconds).
SELECT d.query_id AS "query", d.segment_id AS seg, d.step_id AS step, d.duration AS maxtime, d.input_rows AS "rows",
       d.input_bytes AS "bytes", CASE trim(d.step_name) WHEN 'distribute' THEN 'dist' ELSE 'bcast' END AS "label"
FROM sys_query_detail d
JOIN sys_query_history h ON h.query_id = d.query_id
WHERE trim(d.step_name) IN ('distribute', 'broadcast')
  AND h.end_time > ? AND h.end_time <= ? AND trim(h.query_label) <> ?
ORDER BY d.query_id, d.segment_id, d.step_id
