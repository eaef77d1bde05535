-- A monitoring user with SYSLOG ACCESS UNRESTRICTED and SELECT granted on the system relations
-- (the scenario's systemAccess): it sees every user's rows, as the grants of a monitoring tool need
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html, r_ALTER_USER SYSLOG ACCESS).
-- scenario: star-schema
-- user: monitor

-- Other users' rows, rdsdb's among them.
-- result: t
select count(distinct userid) > 1 and sum(case when userid = 1 then 1 else 0 end) > 0 from stl_query;
-- result: t
select count(*) > 0 from sys_query_history where user_id <> current_user_id;
-- Superuser-visible relations opened by the grants.
select count(*) from stl_vacuum;
select count(*) from svv_table_info;
select stairelid, staiins from pg_statistic_indicator limit 3;
select usename, usesuper from pg_user_info limit 3;
-- Still not a superuser: VACUUM of a table it does not own has no effect, and says nothing.
vacuum delete only public.store_dim;
