-- Queries that finished in the window (Serverless: SYS_QUERY_HISTORY; times in microseconds).
-- SYS_QUERY_HISTORY also holds queries still planning, queued, running or returning: only
-- success, failed and canceled are finished. The collector's own statements carry its query_group;
-- an unlabelled query's query_label is NULL, so the comparison is NULL-safe. The other Serverless
-- workload sources filter the same way.
SELECT query_id AS "query", user_id AS userid, transaction_id AS xid, session_id AS pid, trim(query_label) AS "label",
       trim(database_name) AS "database", start_time AS starttime, end_time AS endtime,
       CASE WHEN trim(status) IN ('failed', 'canceled') THEN 1 ELSE 0 END AS aborted,
       trim(query_type) AS query_type, queue_time AS total_queue_time, execution_time AS total_exec_time,
       elapsed_time, returned_rows, trim(query_text) AS querytxt
FROM sys_query_history
WHERE end_time > ? AND end_time <= ? AND trim(status) IN ('success', 'failed', 'canceled')
  AND COALESCE(trim(query_label), '') <> ?
ORDER BY end_time, query_id
