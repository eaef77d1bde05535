-- VACUUMs started (STL_VACUUM writes a start row) that have neither a Finished row nor an ended
-- SYS_VACUUM_HISTORY row (a cancelled VACUUM ends there as Failed): one is running now.
SELECT count(*)
FROM stl_vacuum s
WHERE s.status LIKE '%Started%' AND s.eventtime >= ?
  AND NOT EXISTS (SELECT 1 FROM stl_vacuum f WHERE f.xid = s.xid AND f.table_id = s.table_id AND f.status LIKE '%Finished%')
  AND NOT EXISTS (SELECT 1 FROM sys_vacuum_history h
                  WHERE h.transaction_id = s.xid AND h.table_id = s.table_id AND trim(h.status) IN ('Complete', 'Failed', 'Skipped'))
