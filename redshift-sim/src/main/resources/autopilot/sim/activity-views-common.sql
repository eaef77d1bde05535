-- Activity views present on provisioned clusters and on Serverless (SYS_*, SVV_EXTERNAL_*, PG_*).
-- Visibility (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html): a
-- user-visible view is granted to PUBLIC and shows a regular user its own rows only (see
-- system-views-common.sql); a superuser-only view gets no grant. Metadata views (external schemas,
-- tables, columns, libraries) show what the user may use: SYSLOG ACCESS does not widen them.

-- Superuser only.
CREATE VIEW pg_catalog.sys_connection_log AS
SELECT l.event, l.recordtime AS record_time, l.remotehost AS remote_host, l.remoteport AS remote_port, l.pid AS session_id,
       l.dbname AS database_name, l.username AS user_name, l.authmethod AS auth_method, l.duration, l.sslversion AS ssl_version,
       l.sslcipher AS ssl_cipher, l.mtu, l.sslcompression AS ssl_compression, l.sslexpansion AS ssl_expansion,
       l.iamauthguid AS iam_auth_guid, l.application_name, l.driver_version, l.os_version, l.plugin_name, l.protocol_version,
       l.global_session_id
FROM redshift_sim.connection_log l;

CREATE VIEW pg_catalog.sys_load_history AS
SELECT h.user_id, h.query_id, h.transaction_id, h.session_id, h.database_name, h."status", h.table_name, h.start_time, h."end_time",
       h.duration, h.data_source, h.file_format, h.loaded_rows, h.loaded_bytes, h.source_file_count, h.source_file_bytes,
       h.file_count_scanned, h.file_bytes_scanned, h.error_count, h.copy_job_id
FROM redshift_sim.sys_load_history h
WHERE h.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.sys_load_history TO PUBLIC;

CREATE VIEW pg_catalog.sys_load_error_detail AS
SELECT e.userid AS user_id, e."query"::bigint AS query_id, e.xid AS transaction_id, e."session" AS session_id, e.database_name,
       e.tbl AS table_id, e.starttime AS start_time, e.filename AS file_name, e.line_number, e.colname AS column_name,
       e."type" AS column_type, e.col_length AS column_length, e."position", e.err_code AS error_code, e.error_message
FROM redshift_sim.load_errors e
WHERE e.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.sys_load_error_detail TO PUBLIC;

-- Superuser only; rows only on Serverless (ActivityWriter writes none for a provisioned cluster).
CREATE VIEW pg_catalog.sys_serverless_usage AS
SELECT u.* FROM redshift_sim.sys_serverless_usage u;

-- Superuser only.
CREATE VIEW pg_catalog.sys_userlog AS
SELECT u.* FROM redshift_sim.sys_userlog u;

CREATE VIEW pg_catalog.pg_library AS
SELECT l."name", l.language_oid, l.file_store_id, l."owner"
FROM redshift_sim.pg_library l
WHERE l."owner" = (SELECT redshift_sim.current_user_id()) OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
GRANT SELECT ON pg_catalog.pg_library TO PUBLIC;

CREATE VIEW pg_catalog.pg_external_schema AS
SELECT s.esoid, s.eskind::integer AS eskind, s.databasename AS esdbname, s.esoptions
FROM redshift_sim.external_schema s
WHERE redshift_sim.may_use_schema(s.esoid, s."database");
GRANT SELECT ON pg_catalog.pg_external_schema TO PUBLIC;

CREATE VIEW pg_catalog.svv_external_schemas AS
SELECT s.esoid, s.eskind, s.schemaname, s.esowner, s.databasename, s.esoptions
FROM redshift_sim.external_schema s
WHERE redshift_sim.may_use_schema(s.esoid, s."database");
GRANT SELECT ON pg_catalog.svv_external_schemas TO PUBLIC;

CREATE VIEW pg_catalog.svv_external_tables AS
SELECT t.redshift_database_name, t.schemaname, t.tablename, t.tabletype, t."location", t.input_format, t.output_format,
       t.serialization_lib, t.serde_parameters, t.compressed, t."parameters"
FROM redshift_sim.external_table t
WHERE redshift_sim.may_use_schema(t.esoid, t.redshift_database_name);
GRANT SELECT ON pg_catalog.svv_external_tables TO PUBLIC;

CREATE VIEW pg_catalog.svv_external_columns AS
SELECT c.redshift_database_name, c.schemaname, c.tablename, c.columnname, c.external_type, c.columnnum, c.part_key, c.is_nullable
FROM redshift_sim.external_column c
WHERE redshift_sim.may_use_schema(c.esoid, c.redshift_database_name);
GRANT SELECT ON pg_catalog.svv_external_columns TO PUBLIC;
