-- Column definitions and encodings of one schema's tables. PG_TABLE_DEF shows a table only when it
-- is the first of its name on the search_path, so a table named like one in an earlier schema would
-- get no columns: the collector reads one schema at a time, the search_path set to it alone
-- (TableDefinitions), for each schema SVV_TABLE_INFO reports. PG_TABLE_DEF shows the connected
-- database only, and the collector reads every database: each row says which one it is from.
SELECT schemaname, tablename, "column", "type", "encoding", distkey, sortkey, "notnull", current_database() AS "database"
FROM pg_table_def
WHERE schemaname = ?
ORDER BY tablename
