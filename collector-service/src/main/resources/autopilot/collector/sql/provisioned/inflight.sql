-- Queries running now (one row per query, not per slice).
SELECT "query", userid, trim("label") AS "label", min(starttime) AS starttime, count(*) AS slices,
       trim(max("text")) AS "text"
FROM stv_inflight
GROUP BY "query", userid, "label"
ORDER BY "query"
