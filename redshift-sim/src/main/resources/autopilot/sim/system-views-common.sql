-- Views present on provisioned clusters and on Serverless. They live in pg_catalog (the simulator
-- starts PostgreSQL with allow_system_table_mods) so they resolve unqualified like Redshift's.
-- Visibility (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html): a user-visible
-- view is granted to PUBLIC and shows a regular user its own rows only (unless SYSLOG ACCESS
-- UNRESTRICTED); a superuser-visible view has no grant (GRANT SELECT opens it to a user).
-- The redshift_sim relations describe the whole cluster, every database; views of objects in the
-- database (SVV_TABLE_INFO, PG_TABLE_DEF, SVV_ALTER_TABLE_RECOMMENDATIONS) show those of the
-- database the client is connected to, as on Redshift; the logs are cluster-wide.

CREATE VIEW pg_catalog.svv_table_info AS
SELECT m."database"::text AS "database",
       m."schema"::text AS "schema",
       m.table_id::oid AS table_id,
       m.table_name::text AS "table",
       m.encoded::text AS encoded,
       m.diststyle::text AS diststyle,
       m.sortkey1::text AS sortkey1,
       m.max_varchar::integer AS max_varchar,
       m.sortkey1_enc::character(32) AS sortkey1_enc,
       m.sortkey_num::integer AS sortkey_num,
       p.blocks::bigint AS "size",
       round(p.blocks * 100.0 / c.capacity_mb, 4)::numeric(10,4) AS pct_used,
       0::bigint AS "empty",
       (CASE WHEN m.sortkey_num = 0 THEN NULL
             ELSE round(100.0 * (p.rows - p.sorted_rows) / nullif(p.rows, 0), 2) END)::numeric(5,2) AS unsorted,
       m.stats_off::numeric(5,2) AS stats_off,
       p.rows::numeric(38,0) AS tbl_rows,
       m.skew_sortkey1::numeric(19,2) AS skew_sortkey1,
       -- DISTSTYLE ALL keeps one copy per node, so slice-to-slice skew means nothing there.
       (CASE WHEN m.diststyle LIKE '%ALL%' THEN NULL
             ELSE round(p.max_rows::numeric / nullif(p.min_rows, 0), 2) END)::numeric(19,2) AS skew_rows,
       (p.rows - m.deleted_rows)::numeric(38,0) AS estimated_visible_rows,
       m.risk_event::text AS risk_event,
       m.vacuum_sort_benefit::numeric(12,2) AS vacuum_sort_benefit,
       m.create_time::timestamp AS create_time
FROM redshift_sim.table_meta m
JOIN (SELECT id, sum("rows") AS rows, sum(sorted_rows) AS sorted_rows, sum(block_count) AS blocks,
             max("rows") AS max_rows, min("rows") AS min_rows
      FROM redshift_sim.stv_tbl_perm GROUP BY id) p ON p.id = m.table_id
CROSS JOIN redshift_sim.cluster c
WHERE p.rows > 0 AND m."database" = redshift_sim.current_database()::text;

-- Only tables in schemas on the search_path, as on Redshift.
CREATE VIEW pg_catalog.pg_table_def AS
SELECT n.nspname AS schemaname,
       c.relname AS tablename,
       a.attname AS "column",
       format_type(a.atttypid, a.atttypmod)::text AS "type",
       coalesce(cm."encoding", 'none')::character(32) AS "encoding",
       coalesce(cm.distkey, false) AS distkey,
       coalesce(cm.sortkey, 0)::integer AS sortkey,
       a.attnotnull AS notnull
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN redshift_sim.table_meta m ON m.table_id = c.oid
LEFT JOIN redshift_sim.column_meta cm ON cm.table_id = c.oid AND cm.attnum = a.attnum
WHERE pg_table_is_visible(c.oid) AND m."database" = redshift_sim.current_database()::text;

-- Visible to all users (r_SVV_REDSHIFT_DATABASES): every database of the cluster, whichever one the session is in.
CREATE VIEW pg_catalog.svv_redshift_databases AS SELECT * FROM redshift_sim.svv_redshift_databases;
GRANT SELECT ON pg_catalog.svv_redshift_databases TO PUBLIC;
CREATE VIEW pg_catalog.svv_alter_table_recommendations AS
SELECT r.* FROM redshift_sim.svv_alter_table_recommendations r WHERE r."database"::text = redshift_sim.current_database()::text;
-- User-visible: own rows (r_SVV_TRANSACTIONS, SYS_QUERY_HISTORY, SYS_QUERY_DETAIL, SYS_VACUUM_HISTORY).
CREATE VIEW pg_catalog.svv_transactions AS SELECT * FROM redshift_sim.svv_transactions t
WHERE t.txn_owner = current_user::text OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.sys_query_history AS SELECT * FROM redshift_sim.sys_query_history h
WHERE h.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.sys_query_detail AS SELECT * FROM redshift_sim.sys_query_detail d
WHERE d.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.sys_vacuum_history AS SELECT * FROM redshift_sim.sys_vacuum_history v
WHERE v.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.svv_transactions, pg_catalog.sys_query_history, pg_catalog.sys_query_detail,
    pg_catalog.sys_vacuum_history, pg_catalog.pg_table_def TO PUBLIC;
-- Superuser-visible (SYS_ANALYZE_HISTORY, SVV_TABLE_INFO, SVV_ALTER_TABLE_RECOMMENDATIONS).
CREATE VIEW pg_catalog.sys_analyze_history AS SELECT * FROM redshift_sim.sys_analyze_history;
