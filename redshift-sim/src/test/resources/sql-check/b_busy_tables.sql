-- Depends on admin.v_table_sizes, which e_table_sizes.sql creates: sorted first, it waits for a later file.
CREATE OR REPLACE VIEW admin.v_busy_tables AS
SELECT s."schema", s."table", s.size_mb, a.queries
FROM admin.v_table_sizes s
CROSS JOIN (SELECT NVL(SUM(queries), 0) AS queries FROM admin.v_query_activity) a
WHERE s.size_mb > 0;
