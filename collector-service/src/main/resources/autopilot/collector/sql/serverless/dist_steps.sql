-- Data-movement steps (Serverless: SYS_QUERY_DETAIL step_name distribute / broadcast), in the
-- provisioned source's columns: label is dist or bcast as SVL_QUERY_SUMMARY names them, rows and
-- bytes the step's input. A query rewritten into child queries repeats segment and step numbers in
-- each child, so a step is keyed by child_query_sequence too; segment rows (step_id -1) are no
-- steps. SYS_QUERY_DETAIL records times per segment: maxtime is the step's segment's duration
-- (microseconds). Finished queries only, as in queries.sql.
SELECT d.query_id AS "query", d.child_query_sequence AS child, d.segment_id AS seg, d.step_id AS step,
       max(d.duration) AS maxtime, sum(d.input_rows) AS "rows", sum(d.input_bytes) AS "bytes",
       CASE trim(d.step_name) WHEN 'distribute' THEN 'dist' ELSE 'bcast' END AS "label"
FROM sys_query_detail d
JOIN sys_query_history h ON h.query_id = d.query_id
WHERE trim(d.step_name) IN ('distribute', 'broadcast') AND d.step_id >= 0
  AND h.end_time > ? AND h.end_time <= ? AND trim(h.status) IN ('success', 'failed', 'canceled')
  AND COALESCE(trim(h.query_label), '') <> ?
GROUP BY d.query_id, d.child_query_sequence, d.segment_id, d.step_id, trim(d.step_name)
ORDER BY d.query_id, d.child_query_sequence, d.segment_id, d.step_id
