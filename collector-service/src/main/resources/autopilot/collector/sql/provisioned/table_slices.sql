-- Distribution per table, aggregated over slices in SQL (never one row per slice or block).
-- block_count is -1 where Redshift cannot compute it (internal tables): such rows add no blocks.
SELECT p.id AS table_id,
       count(*) AS slices,
       sum(CASE WHEN p."rows" = 0 THEN 1 ELSE 0 END) AS empty_slices,
       min(p."rows") AS min_slice_rows,
       max(p."rows") AS max_slice_rows,
       sum(p."rows") AS total_rows,
       sum(p.sorted_rows) AS sorted_rows,
       sum(CASE WHEN p.block_count > 0 THEN p.block_count ELSE 0 END) AS blocks
FROM stv_tbl_perm p
WHERE p."temp" = 0
GROUP BY p.id
ORDER BY p.id
