CREATE OR REPLACE VIEW admin.v_table_sizes AS
SELECT "schema", "table", size AS size_mb, NVL(unsorted, 0) AS unsorted_pct, tbl_rows
FROM svv_table_info;
