-- Data-movement steps: redistribution (label dist) and broadcast (label bcast) between slices,
-- what a join on columns that are not both distribution keys costs. Same window as disk_steps.
SELECT s."query", s.seg, s.step, s.maxtime, s."rows", s."bytes", trim(s."label") AS "label"
FROM svl_query_summary s
JOIN stl_query q ON q."query" = s."query"
WHERE (trim(s."label") LIKE 'dist%' OR trim(s."label") LIKE 'bcast%')
  AND q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
ORDER BY s."query", s.seg, s.step
