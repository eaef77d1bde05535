-- A Serverless workgroup: the SYS monitoring views, and no STL/STV/SVL
-- (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-monitoring.html).
-- scenario: serverless
-- user: admin

-- The provisioned-only logs are refused; AWS does not document with which error, the scenario keeps the default (42501).
-- error: 42501 permission denied
select count(*) from stl_query;
-- error: 42501 permission denied
select count(*) from stv_inflight;

-- Billing by the minute (SYS_SERVERLESS_USAGE).
select start_time, end_time, compute_seconds, compute_capacity, charged_seconds from sys_serverless_usage order by start_time limit 5;

-- The workload of the last day, finished queries only.
select query_type, count(*), sum(elapsed_time) / 1000000 as elapsed_s
from sys_query_history where status in ('success', 'failed', 'canceled') and start_time >= dateadd(day, -1, getdate())
group by 1 order by 2 desc;
-- An unlabelled query has no label in SYS_QUERY_HISTORY.
-- result: t
select count(*) > 0 from sys_query_history where query_label is null;
select query_id, child_query_sequence, segment_id, step_id, trim(step_name), input_rows from sys_query_detail limit 5;
select table_id, trim(table_name), trim(status) from sys_vacuum_history limit 5;
select table_id, trim(table_name), trim(status) from sys_analyze_history limit 5;
select query_id, table_name, status from sys_load_history limit 5;
select query_id, error_code from sys_load_error_detail limit 5;
select event, user_name from sys_connection_log limit 5;
select user_name, action from sys_userlog limit 5;
select query_id, sequence from sys_query_text limit 5;
