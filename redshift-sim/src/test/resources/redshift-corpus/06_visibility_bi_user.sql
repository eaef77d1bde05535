-- What a user who is neither superuser nor SYSLOG ACCESS UNRESTRICTED sees
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html).
-- scenario: star-schema
-- user: bi_user

-- Visible to all users, but only their own rows.
-- result: 0
select count(*) from stl_query where userid <> current_user_id;
-- result: 0
select count(*) from sys_query_history where user_id <> current_user_id;
-- result: 0
select count(*) from svv_transactions where txn_owner <> current_user;
-- result: 0
select count(*) from stv_inflight where userid <> current_user_id;
-- result: 0
select count(*) from stl_wlm_query where userid <> current_user_id;

-- Superuser-only views are refused.
-- error: 42501 permission denied
select count(*) from stl_vacuum;
-- error: 42501 permission denied
select count(*) from sys_analyze_history;
-- error: 42501 permission denied
select count(*) from stl_connection_log;

-- VACUUM of a table the user does not own completes, and does nothing (r_VACUUM_command).
vacuum sort only public.sales;
-- ANALYZE likewise (r_ANALYZE).
analyze public.sales;
