-- Queries that ended in the window (Serverless: SYS_QUERY_HISTORY; times in microseconds).
SELECT query_id AS "query", user_id AS userid, transaction_id AS xid, session_id AS pid, trim(query_label) AS "label",
       trim(database_name) AS "database", start_time AS starttime, end_time AS endtime,
       CASE WHEN trim(status) IN ('failed', 'canceled') THEN 1 ELSE 0 END AS aborted,
       trim(query_type) AS query_type, queue_time AS total_queue_time, execution_time AS total_exec_time,
       elapsed_time, returned_rows, trim(query_text) AS querytxt
FROM sys_query_history
WHERE end_time > ? AND end_time <= ? AND trim(query_label) <> ?
ORDER BY end_time, query_id
