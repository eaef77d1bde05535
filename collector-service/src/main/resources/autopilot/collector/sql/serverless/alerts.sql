-- Optimizer alerts: one row per alerted query and alert (Serverless: SYS_QUERY_DETAIL.alert, on
-- the rows of the steps that raised it); finished queries only, as in queries.sql.
SELECT d.query_id AS "query", trim(split_part(d.alert, ':', 1)) AS alert, trim(d.alert) AS event,
       min(d.start_time) AS event_time
FROM sys_query_detail d
JOIN sys_query_history h ON h.query_id = d.query_id
WHERE d.alert IS NOT NULL AND trim(d.alert) <> ''
  AND h.end_time > ? AND h.end_time <= ? AND trim(h.status) IN ('success', 'failed', 'canceled')
  AND COALESCE(trim(h.query_label), '') <> ?
GROUP BY d.query_id, d.alert
ORDER BY d.query_id, d.alert
