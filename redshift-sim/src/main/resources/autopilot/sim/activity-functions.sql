-- Functions of the activity views (every database of the cluster runs this file).

-- Whether the current user may use schema esoid of database "database": external schemas are real
-- (empty) schemas of the database that holds them, so esoid joins pg_namespace.oid there, and a user
-- sees the external schemas, tables and columns it has USAGE on, as with any schema. In another
-- database the oid means nothing, so the answer is no (has_schema_privilege is never asked there).
CREATE FUNCTION redshift_sim.may_use_schema(esoid oid, "database" text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN "database" = redshift_sim.current_database()::text THEN coalesce(has_schema_privilege(esoid, 'USAGE'), false) ELSE false END
$$;
