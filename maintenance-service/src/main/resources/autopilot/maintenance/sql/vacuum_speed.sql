-- Speed of the cluster's recent manual VACUUMs that did work (duration is in microseconds), in MB of
-- work per second. The work is measured as the re-check estimates a run: the unsorted share of the
-- table for a sort phase, the deleted share for a delete phase, the whole table for a REINDEX. (The
-- table's whole size per second would overstate the speed by the inverse of that share, and a run
-- predicted to fit the window would not.)
SELECT sum(work_mb), sum(duration)
FROM (SELECT size_before_vacuum * CASE
                 WHEN trim(vacuum_type) = 'Reindex' THEN 1.0
                 ELSE (CASE WHEN trim(vacuum_type) IN ('Sort', 'Full', 'Recluster')
                            THEN (rows_before_vacuum - sortedrows_before_vacuum) * 1.0 / NULLIF(rows_before_vacuum, 0) ELSE 0 END)
                    + (CASE WHEN trim(vacuum_type) IN ('Delete', 'Full')
                            THEN reclaimable_rows * 1.0 / NULLIF(rows_before_vacuum, 0) ELSE 0 END)
             END AS work_mb,
             duration
      FROM sys_vacuum_history
      WHERE NOT is_automatic AND trim(status) = 'Complete' AND duration > 0 AND rows_before_vacuum > 0
      ORDER BY end_time DESC LIMIT 10) recent
