-- redshift-sim functions and access rules over the redshift_sim relations. Every database of a
-- cluster runs this: the default database over its own tables, the others over foreign tables that
-- reach the default database's (see SimDatabase).

-- ANALYZE COMPRESSION's answer: one row per column with the encoding Redshift would suggest.
CREATE FUNCTION redshift_sim.analyze_compression(tbl oid)
RETURNS TABLE ("Table" text, "Column" text, "Encoding" text, "Est_reduction_pct" numeric)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT c.relname::text, a.attname::text,
           CASE WHEN cm.sortkey = 1 THEN 'raw'
                WHEN format_type(a.atttypid, a.atttypmod) ~ '^(character|text)' THEN 'zstd'
                ELSE 'az64' END,
           (CASE WHEN cm.sortkey = 1 THEN 0.00
                 WHEN coalesce(cm."encoding", 'none') IN ('none', 'raw') THEN 68.00
                 ELSE 2.00 END)::numeric(5,2)
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN redshift_sim.column_meta cm ON cm.table_id = c.oid AND cm.attnum = a.attnum
    WHERE c.oid = tbl
    ORDER BY a.attnum
$$;
-- Redshift's visibility rules for system relations
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html): a user-visible relation
-- shows a regular user its own rows only, unless the user has SYSLOG ACCESS UNRESTRICTED (here: is a
-- member of role redshift_syslog_unrestricted); superusers see every row. Views filter with
--   WHERE <user id column> = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows())
-- (scalar subqueries, so PostgreSQL works both out once per query, not per row).
CREATE FUNCTION redshift_sim.current_user_id() RETURNS integer
LANGUAGE sql STABLE AS $$ SELECT oid::integer FROM pg_roles WHERE rolname = current_user $$;
CREATE FUNCTION redshift_sim.sees_all_rows() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT rolsuper OR pg_has_role(current_user, 'redshift_syslog_unrestricted', 'MEMBER') FROM pg_roles WHERE rolname = current_user
$$;
GRANT USAGE ON SCHEMA redshift_sim TO PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA redshift_sim FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redshift_sim.analyze_compression(oid) TO PUBLIC;
