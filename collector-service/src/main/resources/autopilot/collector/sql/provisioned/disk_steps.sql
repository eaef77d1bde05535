-- Query steps that spilled to disk.
SELECT s."query", s.seg, s.step, s.maxtime, s."rows", s."bytes", trim(s."label") AS "label"
FROM svl_query_summary s
JOIN stl_query q ON q."query" = s."query"
WHERE s.is_diskbased = 't' AND q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
ORDER BY s."query", s.seg, s.step
