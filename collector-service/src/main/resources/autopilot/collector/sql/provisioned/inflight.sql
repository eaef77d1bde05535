-- Queries running now (one row per query, not per slice), without rdsdb's (userid 1) and the
-- collector's own: STV_INFLIGHT keeps 15 characters of the query_group (blank when unlabelled).
SELECT "query", userid, trim("label") AS "label", min(starttime) AS starttime, count(*) AS slices,
       trim(max("text")) AS "text"
FROM stv_inflight
WHERE userid > 1 AND COALESCE(trim("label"), '') <> left(?, 15)
GROUP BY "query", userid, "label"
ORDER BY "query"
