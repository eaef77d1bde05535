-- The statement each open transaction ran last (SYS_QUERY_HISTORY, running or finished, joined on the
-- transaction id that STL/STV and SYS views share): what a blocking session is doing, for the page.
-- Texts cut to 1,000 characters.
SELECT xid, pid, "query", status, starttime, endtime, "text"
FROM (SELECT h.transaction_id AS xid, h.session_id AS pid, h.query_id AS "query", trim(h.status) AS status,
             h.start_time AS starttime, h.end_time AS endtime, left(trim(h.query_text), 1000) AS "text",
             ROW_NUMBER() OVER (PARTITION BY h.transaction_id ORDER BY h.start_time DESC, h.query_id DESC) AS latest
      FROM sys_query_history h
      WHERE h.transaction_id IN (SELECT xid FROM svv_transactions WHERE pid <> pg_backend_pid())) t
WHERE latest = 1
ORDER BY xid
