-- Table health, storage, maintenance history and the catalog, as admin views read them.
-- scenario: star-schema
-- user: admin

-- Skew, unsorted share and stale statistics (SVV_TABLE_INFO).
select trim("schema") || '.' || trim("table") as tbl, diststyle, sortkey1, skew_rows, unsorted, stats_off, tbl_rows
from svv_table_info order by size desc;

-- Blocks per slice, leaving out internal tables whose block_count is -1 (STV_TBL_PERM, STV_BLOCKLIST, STV_SLICES).
select p.id, trim(p.name), s.node, sum(p.block_count) as blocks
from stv_tbl_perm p join stv_slices s on s.slice = p.slice
where p.block_count > 0 group by 1, 2, 3 order by 4 desc limit 10;
-- result: t
select count(*) > 0 from stv_tbl_perm where block_count = -1;
select tbl, col, count(*) as blocks, sum(num_values) from stv_blocklist group by 1, 2 order by 3 desc limit 5;
select trim(name), col, count(*) from svv_diskusage group by 1, 2 order by 3 desc limit 5;

-- Disk per node and partition (STV_PARTITIONS, STV_NODE_STORAGE_CAPACITY).
select owner, sum(used) as used_mb, sum(capacity) as capacity_mb from stv_partitions group by owner order by owner;
select node, used, capacity, round(used::float8 / capacity * 100, 1) as pct from stv_node_storage_capacity;

-- Column definitions with Redshift's distribution and sort attributes (PG_TABLE_DEF, PG_ATTRIBUTE).
select tablename, "column", type, encoding, distkey, sortkey from pg_table_def where schemaname = 'public' and tablename = 'sales';
select attname, attisdistkey, attsortkeyord, format_encoding(attencodingtype) from pg_attribute
where attrelid = 'public.sales'::regclass and attnum > 0 order by attnum;
select relname, reldiststyle, releffectivediststyle, relcreationtime from pg_class_info where relname = 'sales';
select attname, attisdistkey from pg_attribute_info where attrelid = 'public.sales'::regclass and attnum > 0;
select datname, datconnlimit from pg_database_info where datname = current_database();
-- The cluster's databases and their type, local or from a datashare (SVV_REDSHIFT_DATABASES).
-- result: t
select count(*) = 1 from svv_redshift_databases where database_name = 'dev' and database_type = 'local';
-- Rows changed since the last ANALYZE (PG_STATISTIC_INDICATOR, superusers).
select stairelid, stairows, staiins, staidels from pg_statistic_indicator;
select usename, usesuper from pg_user_info order by usename;

-- A view generating DDL for schemas, with string + and QUOTE_IDENT.
select 'CREATE SCHEMA ' + quote_ident(nspname) + ';' as ddl
from pg_catalog.pg_namespace as pg_namespace
left outer join pg_catalog.pg_user pg_user on pg_namespace.nspowner = pg_user.usesysid
where nspname = 'public';

-- Redshift's advice on distribution and sort keys (SVV_ALTER_TABLE_RECOMMENDATIONS).
select type, database, table_id, group_id, ddl, auto_eligible from svv_alter_table_recommendations;

-- Past VACUUM and ANALYZE runs (STL_VACUUM, STL_ANALYZE, SYS_VACUUM_HISTORY, SYS_ANALYZE_HISTORY) and the running one.
select table_id, trim(status), "rows", sortedrows, eventtime from stl_vacuum order by eventtime desc limit 5;
select table_id, trim(status), modified_rows, threshold_percent, is_background from stl_analyze order by starttime desc limit 5;
select table_id, trim(table_name), trim(status), is_automatic, start_time from sys_vacuum_history order by start_time desc limit 5;
select table_id, trim(table_name), trim(status), modified_rows, last_analyze_time from sys_analyze_history limit 5;
-- SYS_ANALYZE_HISTORY.table_name is char(30) (SYS_ANALYZE_HISTORY page).
-- result: 30
select max(octet_length(table_name)) from sys_analyze_history;
select table_name, status, time_remaining_estimate from svv_vacuum_progress;
select table_name, sort_partitions, elapsed_time, row_delta from svv_vacuum_summary;

-- ANALYZE skips a table whose rows barely changed (analyze_threshold_percent), and says so.
set analyze_threshold_percent to 90;
analyze public.sales;
reset analyze_threshold_percent;
-- result: Skipped
select trim(status) from stl_analyze where table_id = 'public.sales'::regclass order by starttime desc limit 1;

-- Transactions and locks (SVV_TRANSACTIONS, STV_LOCKS, STL_TR_CONFLICT, PG_LOCKS with PostgreSQL 8.0's transaction).
select txn_owner, xid, pid, txn_start, lock_mode, lockable_object_type, relation, granted from svv_transactions order by xid;
select table_id, last_update, lock_owner, lock_owner_pid, lock_status from stv_locks;
select xact_id, process_id, xact_start_ts, table_id from stl_tr_conflict order by abort_time desc limit 5;
-- LISTAGG with a system table only (r_LISTAGG), as blocking-lock views build their pid lists.
select relation, listagg(pid, ',') within group (order by pid) as pids from svv_transactions group by relation;
select relation, "transaction", mode, granted from pg_locks limit 5;

-- Commits (STL_COMMIT_STATS).
select xid, node, datediff(ms, startqueue, startwork) as queue_ms, queuelen from stl_commit_stats where node = -1 limit 5;
