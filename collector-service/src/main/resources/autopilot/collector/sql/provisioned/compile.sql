-- Compilation per query: segments compiled (compile = 1) and when compilation started and ended.
SELECT c."query", count(*) AS segments, sum(c.compile) AS compiled_segments,
       min(CASE WHEN c.compile = 1 THEN c.starttime END) AS compile_start,
       max(CASE WHEN c.compile = 1 THEN c.endtime END) AS compile_end
FROM svl_compile c
JOIN stl_query q ON q."query" = c."query"
WHERE q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
GROUP BY c."query"
ORDER BY c."query"
