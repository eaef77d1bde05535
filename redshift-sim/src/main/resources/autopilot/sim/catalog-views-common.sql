-- Redshift's catalog, where it differs from PostgreSQL's. PostgreSQL's catalog tables cannot take
-- columns, so each relation Redshift extends has a view of the same name in schema redshift_catalog,
-- and the gateway's dialect translation (autopilot.sim.dialect.CatalogRelations) reads it wherever a
-- statement names the relation. The views keep PostgreSQL 16's columns and add Redshift's.
CREATE SCHEMA redshift_catalog;
GRANT USAGE ON SCHEMA redshift_catalog TO PUBLIC;

-- Compression encodings by the number PG_ATTRIBUTE.attencodingtype holds. AWS does not document the
-- numbers; AWS's own admin scripts treat 0 and 128 as "not compressed" (none, raw), and
-- FORMAT_ENCODING(n) names them. The other numbers are the simulator's.
CREATE FUNCTION redshift_sim.encoding_number(name text) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE lower(coalesce(name, 'none'))
        WHEN 'none' THEN 0 WHEN 'raw' THEN 128 WHEN 'bytedict' THEN 1 WHEN 'delta' THEN 2 WHEN 'delta32k' THEN 3
        WHEN 'lzo' THEN 4 WHEN 'mostly8' THEN 5 WHEN 'mostly16' THEN 6 WHEN 'mostly32' THEN 7 WHEN 'runlength' THEN 8
        WHEN 'text255' THEN 9 WHEN 'text32k' THEN 10 WHEN 'zstd' THEN 11 WHEN 'az64' THEN 12 ELSE 0 END::smallint
$$;
CREATE FUNCTION pg_catalog.format_encoding(n integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE n WHEN 0 THEN 'none' WHEN 128 THEN 'raw' WHEN 1 THEN 'bytedict' WHEN 2 THEN 'delta' WHEN 3 THEN 'delta32k'
        WHEN 4 THEN 'lzo' WHEN 5 THEN 'mostly8' WHEN 6 THEN 'mostly16' WHEN 7 THEN 'mostly32' WHEN 8 THEN 'runlength'
        WHEN 9 THEN 'text255' WHEN 10 THEN 'text32k' WHEN 11 THEN 'zstd' WHEN 12 THEN 'az64' END
$$;

-- PG_ATTRIBUTE with Redshift's attisdistkey, attsortkeyord (position in the sort key; interleaved keys
-- alternate the sign, as PG_TABLE_DEF.sortkey) and attencodingtype. Their types are not documented.
CREATE VIEW redshift_catalog.pg_attribute AS
SELECT a.*,
       coalesce(cm.distkey, false) AS attisdistkey,
       coalesce(cm.sortkey, 0)::integer AS attsortkeyord,
       redshift_sim.encoding_number(cm."encoding") AS attencodingtype
FROM pg_catalog.pg_attribute a
LEFT JOIN redshift_sim.column_meta cm ON cm.table_id = a.attrelid AND cm.attnum = a.attnum;

-- PG_CLASS with Redshift's reldiststyle: 0 EVEN, 1 KEY, 8 ALL, 10 AUTO (ALL), 11 AUTO (EVEN), 12 AUTO (KEY)
-- (the codes PG_CLASS_INFO.releffectivediststyle documents).
CREATE VIEW redshift_catalog.pg_class AS
SELECT c.*,
       (CASE WHEN m.diststyle IS NULL THEN 0
             WHEN m.diststyle LIKE 'AUTO(ALL)%' THEN 10
             WHEN m.diststyle LIKE 'AUTO(EVEN)%' THEN 11
             WHEN m.diststyle LIKE 'AUTO(KEY%' THEN 12
             WHEN m.diststyle LIKE 'KEY%' THEN 1
             WHEN m.diststyle = 'ALL' THEN 8
             ELSE 0 END)::smallint AS reldiststyle
FROM pg_catalog.pg_class c
LEFT JOIN redshift_sim.table_meta m ON m.table_id = c.oid
-- The simulator's own schemas are not Redshift's: their relations (among them these views, named
-- like the catalogs they extend) stay out of the catalog a client reads.
WHERE c.relnamespace NOT IN (SELECT n.oid FROM pg_catalog.pg_namespace n
                             WHERE n.nspname IN ('redshift_sim', 'redshift_catalog', 'redshift_workload'));

-- PG_LOCKS with PostgreSQL 8.0's name for the locking transaction's id, transaction (PostgreSQL 8.1
-- renamed it transactionid); AWS's v_check_transaction_locks reads it.
CREATE VIEW redshift_catalog.pg_locks AS
SELECT l.*, l.transactionid AS "transaction"
FROM pg_catalog.pg_locks l;

-- PG_ATTRDEF as PostgreSQL 8.0 (Redshift's base) has it: adsrc, the default's text, which
-- PostgreSQL 12 removed; DDL generators read it (AWS's v_generate_tbl_ddl).
CREATE VIEW redshift_catalog.pg_attrdef AS
SELECT a.*, pg_catalog.pg_get_expr(a.adbin, a.adrelid) AS adsrc
FROM pg_catalog.pg_attrdef a;

-- PG_STAT_ACTIVITY as Redshift (PostgreSQL 8.0) names it: procpid and current_query. The rows are the
-- sessions of the PostgreSQL underneath in this cluster's databases, each named as the client knows it
-- (redshift_sim.redshift_database_name: the sessions of the other clusters of a fleet stay out).
CREATE VIEW redshift_catalog.pg_stat_activity AS
SELECT s.datid, redshift_sim.redshift_database_name(s.datname) AS datname, s.pid AS procpid, s.usesysid, s.usename,
       s.query AS current_query, s.query_start, s.backend_start, s.client_addr, s.client_port, s.application_name, s.xact_start,
       (s.wait_event_type = 'Lock') AS waiting
FROM pg_catalog.pg_stat_activity s
WHERE s.backend_type = 'client backend' AND redshift_sim.redshift_database_name(s.datname) IS NOT NULL;

-- PG_DATABASE with the cluster's databases under their Redshift names, the other clusters' of a fleet
-- left out (redshift_sim.redshift_database_name). Every other column is PostgreSQL's own, whichever
-- release runs underneath, so the column list is read from the catalog.
DO $$
DECLARE
    columns text;
BEGIN
    SELECT string_agg(CASE WHEN a.attname = 'datname' THEN 'redshift_sim.redshift_database_name(d.datname) AS datname'
                           ELSE 'd.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
    INTO columns
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = 'pg_catalog.pg_database'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE 'CREATE VIEW redshift_catalog.pg_database AS SELECT ' || columns
        || ' FROM pg_catalog.pg_database d WHERE redshift_sim.redshift_database_name(d.datname) IS NOT NULL';
END $$;

-- PG_USER as Redshift has it (PostgreSQL 8.0's columns: usecatupd, no userepl/usebypassrls), with rdsdb,
-- Redshift's own superuser (usesysid 1; a role of the same name exists so privilege functions know it),
-- in place of the PostgreSQL underneath's own superuser.
CREATE VIEW redshift_catalog.pg_user AS
SELECT 'rdsdb'::name AS usename, 1::integer AS usesysid, true AS usecreatedb, true AS usesuper, true AS usecatupd,
       '********'::text AS passwd, NULL::timestamptz AS valuntil, NULL::text[] AS useconfig
UNION ALL
SELECT r.rolname, r.oid::integer, r.rolcreatedb, r.rolsuper, r.rolsuper, '********'::text, r.rolvaliduntil, r.rolconfig
FROM pg_catalog.pg_roles r
WHERE r.rolcanlogin AND r.rolname NOT IN ('postgres', 'rdsdb');

-- PG_DEFAULT_ACL with Redshift's columns: defacluser (the user's id) where PostgreSQL has defaclrole; oid is
-- the catalog's system column, which AWS's own admin views join on (v_generate_user_grant_revoke_ddl).
CREATE VIEW redshift_catalog.pg_default_acl AS
SELECT d.oid, d.defaclrole::integer AS defacluser, d.defaclnamespace, d.defaclobjtype, d.defaclacl
FROM pg_catalog.pg_default_acl d;

GRANT SELECT ON ALL TABLES IN SCHEMA redshift_catalog TO PUBLIC;

-- Redshift's own catalog views (r_PG_*). The *_INFO views extend a PostgreSQL catalog with columns.
-- PG_CLASS_INFO: PG_CLASS's columns with oid named reloid (r_PG_CLASS_INFO), then Redshift's additions.
CREATE VIEW pg_catalog.pg_class_info AS
SELECT c.oid AS reloid, c.relname, c.relnamespace, c.reltype, c.reloftype, c.relowner, c.relam, c.relfilenode,
       c.reltablespace, c.relpages, c.reltuples, c.relallvisible, c.reltoastrelid, c.relhasindex, c.relisshared,
       c.relpersistence, c.relkind, c.relnatts, c.relchecks, c.relhasrules, c.relhastriggers, c.relhassubclass,
       c.relrowsecurity, c.relforcerowsecurity, c.relispopulated, c.relreplident, c.relispartition, c.relrewrite,
       c.relfrozenxid, c.relminmxid, c.relacl, c.reloptions, c.relpartbound, c.reldiststyle,
       m.create_time AS relcreationtime, c.reldiststyle::integer AS releffectivediststyle
FROM redshift_catalog.pg_class c
LEFT JOIN redshift_sim.table_meta m ON m.table_id = c.oid;
-- PostgreSQL 16's PG_ATTRIBUTE already has attacl, the column PG_ATTRIBUTE_INFO adds.
CREATE VIEW pg_catalog.pg_attribute_info AS SELECT * FROM redshift_catalog.pg_attribute;
-- PG_DATABASE_INFO: PostgreSQL 8.0's columns that PostgreSQL 16 still has, with oid named datid, and
-- datconnlimit as text (-1: no limit) (r_PG_DATABASE_INFO).
CREATE VIEW pg_catalog.pg_database_info AS
SELECT d.datname, d.datdba, d.encoding, d.datistemplate, d.datallowconn, d.datfrozenxid, d.dattablespace, d.datacl,
       d.oid AS datid, d.datconnlimit::text AS datconnlimit
FROM redshift_catalog.pg_database d;
CREATE VIEW pg_catalog.pg_user_info AS
SELECT u.*, 'UNLIMITED'::text AS useconnlimit FROM redshift_catalog.pg_user u;
-- Superuser-visible: rows inserted and deleted (or updated) since each table's last ANALYZE, from the
-- model's changed rows (r_PG_STATISTIC_INDICATOR).
CREATE VIEW pg_catalog.pg_statistic_indicator AS
SELECT m.table_id AS stairelid,
       p.total::double precision AS stairows,
       (m.modified_rows - least(m.deleted_rows, m.modified_rows))::double precision AS staiins,
       least(m.deleted_rows, m.modified_rows)::double precision AS staidels
FROM redshift_sim.table_meta m
JOIN (SELECT id, sum("rows") AS total FROM redshift_sim.stv_tbl_perm GROUP BY id) p ON p.id = m.table_id
WHERE m."database" = redshift_sim.current_database()::text;
GRANT SELECT ON pg_catalog.pg_class_info, pg_catalog.pg_attribute_info, pg_catalog.pg_database_info TO PUBLIC;
