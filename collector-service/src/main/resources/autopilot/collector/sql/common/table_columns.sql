-- Column definitions and encodings. PG_TABLE_DEF shows only schemas on the search_path: the
-- collector sets it to the schemas SVV_TABLE_INFO reported just before running this.
SELECT schemaname, tablename, "column", "type", "encoding", distkey, sortkey, "notnull"
FROM pg_table_def
WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'pg_internal')
ORDER BY schemaname, tablename
