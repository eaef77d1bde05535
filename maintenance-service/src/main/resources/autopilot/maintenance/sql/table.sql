-- The table a work item names, as the catalog shows it now (names bound as values, never spliced).
SELECT table_id, trim("database"), trim("schema"), trim("table"), trim(diststyle), trim(sortkey1), size, unsorted, stats_off,
       tbl_rows, estimated_visible_rows
FROM svv_table_info
WHERE "database" = ? AND "schema" = ? AND "table" = ?
