-- Queries that ended in the window, with their WLM queue and times (microseconds). Left out:
-- rdsdb's (userid 1: Redshift's own statements, as AWS advises) and the collector's own, which carry
-- its query_group; STL_QUERY keeps 30 characters of a label and shows 'default' for none. The
-- other provisioned workload sources filter the same way.
SELECT q."query", q.userid, q.xid, q.pid, trim(q."label") AS "label", trim(q."database") AS "database",
       q.starttime, q.endtime, q.aborted, q.concurrency_scaling_status,
       w.service_class, trim(w.service_class_name) AS service_class_name, w.slot_count,
       w.queue_start_time, w.exec_start_time, w.total_queue_time, w.total_exec_time,
       trim(q.querytxt) AS querytxt
FROM stl_query q
LEFT JOIN stl_wlm_query w ON w."query" = q."query"
WHERE q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
ORDER BY q.endtime, q."query"
