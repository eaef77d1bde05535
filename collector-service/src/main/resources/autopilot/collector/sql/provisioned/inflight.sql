-- Queries running now (one row per query, not per slice), without rdsdb's (userid 1) and the
-- collector's own: STV_INFLIGHT keeps 15 characters of the query_group (blank when unlabelled).
-- The user's name comes from STV_RECENTS (its running rows keep the pid, as AWS's example joins
-- them), the queue from STV_WLM_QUERY_STATE, the whole text (STV_INFLIGHT keeps 100 characters)
-- from SYS_QUERY_HISTORY's running row of the same transaction.
SELECT i."query", i.userid, max(trim(r.user_name)) AS username, i.pid, i.xid, trim(i."label") AS "label",
       min(i.starttime) AS starttime, count(DISTINCT i.slice) AS slices, max(w.service_class) AS service_class,
       trim(max(i."text")) AS "text", max(trim(h.query_text)) AS querytxt
FROM stv_inflight i
LEFT JOIN stv_recents r ON r.pid = i.pid AND trim(r.status) = 'Running'
LEFT JOIN stv_wlm_query_state w ON w."query" = i."query"
LEFT JOIN sys_query_history h ON h.transaction_id = i.xid AND trim(h.status) = 'running'
WHERE i.userid > 1 AND COALESCE(trim(i."label"), '') <> left(?, 15)
GROUP BY i."query", i.userid, i.pid, i.xid, i."label"
ORDER BY i."query"
