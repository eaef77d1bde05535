-- Queries running now (SYS_QUERY_HISTORY status running; Serverless has no STV_INFLIGHT), without the
-- collector's own (an unlabelled query's query_label is NULL, so the comparison is NULL-safe). The
-- user's name is the transaction owner's (SVV_TRANSACTIONS); Serverless has no slices or WLM queues.
SELECT h.query_id AS "query", h.user_id AS userid, max(trim(t.txn_owner)) AS username, h.session_id AS pid,
       h.transaction_id AS xid, trim(h.query_label) AS "label", h.start_time AS starttime, CAST(NULL AS integer) AS slices,
       CAST(NULL AS integer) AS service_class, left(trim(h.query_text), 100) AS "text", trim(h.query_text) AS querytxt
FROM sys_query_history h
LEFT JOIN svv_transactions t ON t.xid = h.transaction_id
WHERE trim(h.status) = 'running' AND h.user_id > 1 AND COALESCE(trim(h.query_label), '') <> ?
GROUP BY h.query_id, h.user_id, h.session_id, h.transaction_id, h.query_label, h.start_time, h.query_text
ORDER BY h.query_id
