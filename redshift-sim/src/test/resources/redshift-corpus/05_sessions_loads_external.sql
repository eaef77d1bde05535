-- Sessions, connections, loads, unloads, concurrency scaling and external schemas.
-- scenario: star-schema
-- user: admin

-- Sessions open now and how each connected (STV_SESSIONS, STL_CONNECTION_LOG, SYS_CONNECTION_LOG, STV_ACTIVE_CURSORS).
select process, trim(user_name), trim(db_name), starttime from stv_sessions order by starttime;
select trim(event), count(*) from stl_connection_log group by 1 order by 1;
select c.pid, trim(c.username), trim(c.remotehost), trim(c.application_name)
from stl_connection_log c
where c.event = 'initiating session'
  and c.pid not in (select pid from stl_connection_log where event = 'disconnecting session')
order by c.recordtime desc;
select event, user_name, database_name, remote_host from sys_connection_log limit 5;
select userid, trim(name), starttime, row_count, fetched_rows from stv_active_cursors;

-- Loads and their errors (STL_LOAD_COMMITS, STL_LOAD_ERRORS, STL_S3CLIENT, SYS_LOAD_HISTORY, SYS_LOAD_ERROR_DETAIL).
select query, trim(filename), lines_scanned, errors from stl_load_commits order by curtime desc limit 5;
select trim(filename), line_number, trim(colname), err_code, trim(err_reason) from stl_load_errors order by starttime desc limit 5;
select query, count(*) as files, sum(transfer_size) / 1048576 as mb from stl_s3client where http_method = 'GET' group by query;
-- STL_S3CLIENT's times are microseconds since 2000-01-01, not timestamps: comparing them with one fails.
-- error: 42883 operator does not exist
select count(*) from stl_s3client where end_time >= dateadd(day, -7, current_date);
select query_id, table_name, status, loaded_rows, error_count from sys_load_history order by start_time desc limit 5;
select query_id, file_name, line_number, column_name, error_code, error_message from sys_load_error_detail limit 5;
select query, trim(path), line_count, transfer_size from stl_unload_log limit 5;

-- Concurrency scaling (SVCS_CONCURRENCY_SCALING_USAGE) and users' changes (SYS_USERLOG).
select start_time, end_time, queries, usage_in_seconds from svcs_concurrency_scaling_usage order by start_time;
select user_name, action, record_time from sys_userlog order by record_time;

-- Libraries and external schemas (PG_LIBRARY, PG_EXTERNAL_SCHEMA, SVV_EXTERNAL_SCHEMAS, SVV_EXTERNAL_TABLES, SVV_EXTERNAL_COLUMNS).
select name, language_oid, file_store_id, owner from pg_library;
select esoid, eskind, esdbname, esoptions from pg_external_schema;
select schemaname, databasename from svv_external_schemas;
select schemaname, tablename, location from svv_external_tables;
select schemaname, tablename, columnname, external_type from svv_external_columns limit 5;

-- PG_STAT_ACTIVITY with Redshift's (PostgreSQL 8.0's) procpid and current_query.
select procpid, usename, current_query from pg_stat_activity where procpid = pg_backend_pid();
