-- Queries in the style of admin scripts over the query logs, steps and WLM relations. Each runs on a
-- provisioned cluster as a superuser; the columns are the ones each relation's page documents.
-- scenario: star-schema
-- user: admin

-- Slowest queries of the last week with their queue wait (STL_QUERY, STL_WLM_QUERY; userid > 1
-- leaves out rdsdb's own statements, as the pages advise).
select top 10 trim(q.database) as db, q.query, trim(q.label) as label,
       datediff(ms, q.starttime, q.endtime) as elapsed_ms,
       w.total_queue_time / 1000000.0 as queue_s, w.service_class
from stl_query q
join stl_wlm_query w on w.query = q.query
where q.userid > 1 and q.starttime >= dateadd(day, -7, getdate())
order by elapsed_ms desc;

-- Redshift logs its own statements as rdsdb (userid 1).
-- result: t
select count(*) > 0 from stl_query where userid = 1;

-- Full text of long statements, put back together from 200-character pieces (STL_QUERYTEXT).
select query, listagg(text) within group (order by sequence) as sql
from stl_querytext where query = (select max(query) from stl_query where userid > 1)
group by query;

-- DDL, utility statements and every statement's text (STL_DDLTEXT, STL_UTILITYTEXT, SVL_STATEMENTTEXT, SVL_QLOG).
select xid, starttime, trim(text) from stl_ddltext order by starttime desc limit 5;
select xid, label, trim(text) from stl_utilitytext order by starttime desc limit 5;
select type, count(*) from svl_statementtext group by type order by type;
select query, elapsed, substring from svl_qlog order by starttime desc limit 5;

-- Steps of a query: summary, report, and each step kind's own table.
select query, seg, step, maxtime, rows, bytes, trim(label), is_diskbased from svl_query_summary
where query = (select max(query) from stl_query where userid > 1) order by seg, step;
select query, slice, segment, step, rows, label from svl_query_report limit 5;
select count(*) from stl_scan where userid > 1 and is_rrscan = 't';
select query, sum(rows) from stl_dist group by query order by 2 desc limit 3;
select query, sum(rows) from stl_bcast group by query order by 2 desc limit 3;
select query, sum(rows), bool_or(is_diskbased = 't') from stl_hash group by query limit 3;
select query, sum(rows) from stl_sort group by query limit 3;
select query, sum(rows) from stl_aggr group by query limit 3;
select query, sum(rows) from stl_return group by query limit 3;
select query, sum(rows) from stl_insert group by query limit 3;
select query, sum(rows) from stl_delete group by query limit 3;

-- Plans (STL_EXPLAIN, STL_PLAN_INFO) and compile time (SVL_COMPILE).
select query, nodeid, parentid, substring(trim(plannode), 1, 60) from stl_explain order by query, nodeid limit 10;
select query, nodeid, locus, plannode, rows, bytes from stl_plan_info limit 5;
select query, sum(datediff(ms, starttime, endtime)) as compile_ms from svl_compile where compile = 1 group by query order by 2 desc limit 5;

-- Alerts: one row per slice, segment and step, so count the queries, not the rows (STL_ALERT_EVENT_LOG).
select trim(event) as event, count(distinct query) as queries, count(*) as alert_rows
from stl_alert_event_log group by 1 order by 2 desc;

-- Metrics for WLM query monitoring rules (SVL_QUERY_METRICS, SVL_QUERY_METRICS_SUMMARY, STV_QUERY_METRICS).
select service_class, max(query_execution_time), max(scan_row_count) from svl_query_metrics_summary group by 1;
select dimension, count(*) from svl_query_metrics group by 1 order by 1;
select query, segment, run_time, cpu_time from stv_query_metrics where segment = -1;

-- What runs now and what waits (STV_INFLIGHT, STV_RECENTS, STV_WLM_QUERY_STATE, STV_WLM_QUERY_QUEUE_STATE,
-- STV_WLM_QUERY_TASK_STATE, STV_WLM_SERVICE_CLASS_STATE, STV_WLM_SERVICE_CLASS_CONFIG).
select query, trim(label), starttime from stv_inflight where slice = 0;
select pid, status, duration, trim(user_name) from stv_recents where status = 'Running';
select query, service_class, trim(state), queue_time, exec_time from stv_wlm_query_state order by wlm_start_time;
select service_class, position, query, queue_time from stv_wlm_query_queue_state;
select service_class, query, slot_count, exec_time from stv_wlm_query_task_state;
select service_class, num_queued_queries, num_executing_queries from stv_wlm_service_class_state where service_class > 5;
select service_class, num_query_tasks, query_working_mem, trim(name) from stv_wlm_service_class_config where service_class > 4;
select id, action_service_class, condition from stv_wlm_classification_config;
select service_class, trim(rule_name), trim(action), trim(metric_name), metric_value from stv_wlm_qmr_config;
select userid, query, service_class, trim(rule), trim(action), recordtime from stl_wlm_rule_action;
select query, service_class, queue_elapsed, exec_elapsed, commit_queue_elapsed from svl_query_queue_info limit 5;

-- Queue waits per hour, the way wlm trend views compute them.
select date_trunc('hour', queue_start_time) as hour, service_class, count(*) as queries,
       sum(total_queue_time) / 1000000 as queue_s, median(total_queue_time) / 1000000.0 as median_queue_s
from stl_wlm_query where userid > 1 and service_class > 5
group by 1, 2 order by 1 desc limit 24;

-- Internal errors (STL_ERROR) and errors returned: none in this scenario's clean run is required.
select process, errcode, trim(error) from stl_error order by recordtime desc limit 5;

-- The same workload through the SYS views: finished queries only (status), child queries (SYS_QUERY_DETAIL).
select status, count(*) from sys_query_history group by status order by status;
-- SYS_QUERY_HISTORY holds running and queued queries too, without an end time.
-- result: t
select count(*) > 0 from sys_query_history where status in ('running', 'queued') and end_time is null;
select query_id, child_query_sequence, stream_id, segment_id, step_id, trim(step_name), duration
from sys_query_detail where step_id = -1 order by query_id, child_query_sequence, segment_id limit 10;
select query_id, sequence, trim(text) from sys_query_text order by query_id desc, sequence limit 5;
