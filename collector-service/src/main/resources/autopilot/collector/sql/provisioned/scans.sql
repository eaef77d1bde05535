-- Scans per query, table and scan type (2 = permanent table, 35 = AQUA), summed over slices.
-- Ghost rows = rows_pre_filter - rows_pre_user_filter; rows = after all filters.
SELECT s."query", s.tbl AS table_id, trim(s.perm_table_name) AS table_name, s."type" AS scan_type,
       count(*) AS steps, sum(s."rows") AS "rows", sum(s.rows_pre_filter) AS rows_pre_filter,
       sum(s.rows_pre_user_filter) AS rows_pre_user_filter, sum(s."bytes") AS "bytes",
       min(s.starttime) AS starttime, max(s.endtime) AS endtime,
       max(CASE WHEN s.is_rrscan = 't' THEN 1 ELSE 0 END) AS range_restricted
FROM stl_scan s
JOIN stl_query q ON q."query" = s."query"
WHERE q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
GROUP BY s."query", s.tbl, s.perm_table_name, s."type"
ORDER BY s."query", s.tbl
