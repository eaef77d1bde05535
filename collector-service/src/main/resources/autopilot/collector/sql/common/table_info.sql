-- Table health, one row per table (SVV_TABLE_INFO lists tables with at least one row; provisioned and Serverless).
SELECT "database", "schema", table_id, "table", encoded, diststyle, sortkey1, max_varchar, sortkey1_enc, sortkey_num,
       "size", pct_used, unsorted, stats_off, tbl_rows, skew_sortkey1, skew_rows, estimated_visible_rows,
       vacuum_sort_benefit, create_time
FROM svv_table_info
ORDER BY table_id
