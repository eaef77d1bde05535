-- Activity views of provisioned clusters only (STL, STV, SVL, SVCS, SVV_VACUUM_*). STL views and the
-- views built on them hide rows older than the retention (redshift_sim.stl_cutoff). Visibility as in
-- activity-views-common.sql: user-visible views are granted to PUBLIC and filter rows by user.

-- User-visible, keyed by user name.
CREATE VIEW pg_catalog.stv_sessions AS
SELECT s.starttime, s.process, s.user_name, s.db_name, s.timeout_sec
FROM redshift_sim.stv_sessions s
WHERE s.user_name = current_user::text OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.stv_sessions TO PUBLIC;

-- Superuser only.
CREATE VIEW pg_catalog.stl_connection_log AS
SELECT l.event, l.recordtime, l.remotehost, l.remoteport, l.pid, l.dbname, l.username, l.authmethod, l.duration, l.sslversion,
       l.sslcipher, l.mtu, l.sslcompression, l.sslexpansion, l.iamauthguid, l.application_name, l.os_version, l.driver_version,
       l.plugin_name, l.protocol_version
FROM redshift_sim.connection_log l
WHERE l.recordtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff);

-- Superuser only. One row per relation lock held or awaited by an open transaction (SVV_TRANSACTIONS'
-- relation rows); a table's last commit and update are its latest completed COPY, or its creation.
CREATE VIEW pg_catalog.stv_locks AS
SELECT t.relation::bigint AS table_id,
       coalesce(l.last_load, m.create_time)::timestamp AS last_commit,
       coalesce(l.last_load, m.create_time)::timestamp AS last_update,
       t.xid::bigint AS lock_owner,
       t.pid::bigint AS lock_owner_pid,
       t.txn_start::timestamp AS lock_owner_start_ts,
       NULL::timestamp AS lock_owner_end_ts,
       ((CASE WHEN t.granted THEN 'Holding ' ELSE 'Waiting for ' END)
        || (CASE WHEN t.lock_mode = 'AccessShareLock' THEN 'read' ELSE 'write' END) || ' lock')::character(22) AS lock_status
FROM redshift_sim.svv_transactions t
LEFT JOIN redshift_sim.table_meta m ON m.table_id = t.relation
LEFT JOIN (SELECT table_id, max("end_time") AS last_load FROM redshift_sim.sys_load_history
           WHERE "status" = 'completed' GROUP BY table_id) l ON l.table_id = t.relation
WHERE t.lockable_object_type = 'relation' AND t.relation IS NOT NULL;

-- Superuser only.
CREATE VIEW pg_catalog.stl_tr_conflict AS
SELECT c.* FROM redshift_sim.stl_tr_conflict c WHERE c.abort_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff);

CREATE VIEW pg_catalog.stv_active_cursors AS
SELECT c.* FROM redshift_sim.stv_active_cursors c
WHERE c.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.stv_active_cursors TO PUBLIC;

-- Superuser only. Retention by the commit's end: a compute node's startqueue is 2000-01-01 (r_STL_COMMIT_STATS's
-- sample), only the leader's row (node -1) has the real queue start.
CREATE VIEW pg_catalog.stl_commit_stats AS
SELECT c.* FROM redshift_sim.stl_commit_stats c WHERE c.endtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff);

CREATE VIEW pg_catalog.stl_load_errors AS
SELECT e.userid, e.slice, e.tbl, e.starttime, e."session", e."query", e.filename, e.line_number, e.colname, e."type", e.col_length,
       e."position", e.raw_line, e.raw_field_value, e.err_code, e.err_reason
FROM redshift_sim.load_errors e
WHERE e.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (e.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_load_errors TO PUBLIC;

CREATE VIEW pg_catalog.stl_load_commits AS
SELECT c.* FROM redshift_sim.stl_load_commits c
WHERE c.curtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (c.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_load_commits TO PUBLIC;

CREATE VIEW pg_catalog.stl_s3client AS
SELECT c.* FROM redshift_sim.stl_s3client c
WHERE c.recordtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (c.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_s3client TO PUBLIC;

CREATE VIEW pg_catalog.stl_unload_log AS
SELECT u.* FROM redshift_sim.stl_unload_log u
WHERE u.start_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (u.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_unload_log TO PUBLIC;

CREATE VIEW pg_catalog.stl_wlm_rule_action AS
SELECT r.* FROM redshift_sim.stl_wlm_rule_action r
WHERE r.recordtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (r.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_wlm_rule_action TO PUBLIC;

-- Superuser only.
CREATE VIEW pg_catalog.stv_wlm_qmr_config AS SELECT c.* FROM redshift_sim.stv_wlm_qmr_config c;
CREATE VIEW pg_catalog.stv_wlm_classification_config AS SELECT c.* FROM redshift_sim.stv_wlm_classification_config c;

-- Superuser only. Counted from the queues' configuration, the queries in flight and the logged
-- workload (every logged query ran since the simulated cluster's last restart); a QMR hop evicts.
CREATE VIEW pg_catalog.stv_wlm_service_class_state AS
SELECT c.service_class,
       coalesce(n.queued, 0)::integer AS num_queued_queries,
       coalesce(n.running, 0)::integer AS num_executing_queries,
       (coalesce(h.done, 0) + coalesce(n.queued, 0) + coalesce(n.running, 0))::integer AS num_serviced_queries,
       coalesce(h.done, 0)::integer AS num_executed_queries,
       coalesce(e.evicted, 0)::integer AS num_evicted_queries,
       coalesce(h.scaled, 0)::integer AS num_concurrency_scaling_queries
FROM redshift_sim.stv_wlm_service_class_config c
LEFT JOIN (SELECT service_class, count(*) FILTER (WHERE "state" = 'Queued') AS queued,
                  count(*) FILTER (WHERE "state" = 'Running') AS running
           FROM redshift_sim.stv_wlm_query_state GROUP BY service_class) n ON n.service_class = c.service_class
LEFT JOIN (SELECT w.service_class, count(*) AS done, count(*) FILTER (WHERE q.concurrency_scaling_status = 1) AS scaled
           FROM redshift_sim.stl_wlm_query w LEFT JOIN redshift_sim.stl_query q ON q."query" = w."query"
           GROUP BY w.service_class) h ON h.service_class = c.service_class
LEFT JOIN (SELECT service_class, count(DISTINCT "query") AS evicted FROM redshift_sim.stl_wlm_rule_action
           WHERE "action" LIKE 'hop%' GROUP BY service_class) e ON e.service_class = c.service_class;

-- User-visible: a regular user sees where its own queries wait; positions count every waiting query
-- of the cluster in the order they entered their queues (0 runs next).
CREATE VIEW pg_catalog.stv_wlm_query_queue_state AS
SELECT q.service_class, q."position", q.task, q."query", q.slot_count, q.start_time, q.queue_time
FROM (SELECT s.service_class, (row_number() OVER (ORDER BY s.wlm_start_time, s."query") - 1)::integer AS "position",
             s.task, s."query", s.slot_count, s.wlm_start_time AS start_time, s.queue_time, o.userid
      FROM redshift_sim.stv_wlm_query_state s
      LEFT JOIN redshift_sim.wlm_query_owner o ON o."query" = s."query"
      WHERE s."state" = 'Queued') q
WHERE q.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.stv_wlm_query_queue_state TO PUBLIC;

CREATE VIEW pg_catalog.stv_wlm_query_task_state AS
SELECT s.service_class, s.task, s."query", s.slot_count, s.wlm_start_time AS start_time, s.exec_time
FROM redshift_sim.stv_wlm_query_state s
LEFT JOIN redshift_sim.wlm_query_owner o ON o."query" = s."query"
WHERE s."state" = 'Running'
  AND (o.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stv_wlm_query_task_state TO PUBLIC;

-- Superuser only. User queries (userid > 1) that waited in a WLM queue or in the commit queue; times
-- in whole seconds. The commit is the leader's row (node -1) of the query's transaction.
CREATE VIEW pg_catalog.svl_query_queue_info AS
SELECT btrim(q."database")::text AS "database", q."query", q.xid, q.userid, left(btrim(q.querytxt), 100)::text AS querytxt,
       w.queue_start_time, w.exec_start_time, w.service_class, w.slot_count AS slots,
       (w.total_queue_time / 1000000)::bigint AS queue_elapsed,
       (w.total_exec_time / 1000000)::bigint AS exec_elapsed,
       (w.total_queue_time / 1000000 + w.total_exec_time / 1000000)::bigint AS wlm_total_elapsed,
       coalesce(floor(extract(epoch FROM c.startwork - c.startqueue)), 0)::bigint AS commit_queue_elapsed,
       coalesce(floor(extract(epoch FROM c.endtime - c.startwork)), 0)::bigint AS commit_exec_time,
       w.service_class_name
FROM pg_catalog.stl_query q
JOIN redshift_sim.stl_wlm_query w ON w."query" = q."query"
LEFT JOIN redshift_sim.stl_commit_stats c ON c.xid = q.xid AND c.node = -1
WHERE q.userid > 1 AND (w.total_queue_time > 0 OR c.startwork > c.startqueue);

-- Superuser only. Each node's disk is its node type's storage split into equal partitions; used
-- blocks are the node's slices' table blocks (STV_TBL_PERM) plus the model's extra share, spread
-- over the partitions so that they add up to the node's STV_NODE_STORAGE_CAPACITY.used. STV_TBL_PERM
-- rows of internal tables with block_count -1 (padb_config_harvest) hold no blocks.
CREATE VIEW pg_catalog.stv_node_storage_capacity AS
SELECT n.node::integer AS node,
       (coalesce(b.blocks, 0) + round(c.capacity_mb / c.nodes * d.extra_used_pct / 100))::integer AS used,
       (c.capacity_mb / c.nodes)::integer AS capacity
FROM redshift_sim.cluster c
CROSS JOIN redshift_sim.disk d
CROSS JOIN LATERAL generate_series(0, c.nodes - 1) AS n(node)
LEFT JOIN (SELECT s.node, sum(p.block_count) AS blocks FROM redshift_sim.stv_tbl_perm p
           JOIN redshift_sim.stv_slices s ON s.slice = p.slice WHERE p.block_count > 0 GROUP BY s.node) b ON b.node = n.node;

CREATE VIEW pg_catalog.stv_partitions AS
SELECT n.node AS "owner", n.node AS host, k.diskno::integer AS diskno,
       0::bigint AS part_begin,
       ((n.capacity / d.partitions_per_node)::bigint * 1048576) AS part_end,
       (n.used / d.partitions_per_node + (CASE WHEN k.diskno < n.used % d.partitions_per_node THEN 1 ELSE 0 END))::integer AS used,
       0::integer AS tossed,
       (n.capacity / d.partitions_per_node)::integer AS capacity,
       0::bigint AS reads,
       0::bigint AS writes,
       0::integer AS seek_forward,
       0::integer AS seek_back,
       0::integer AS is_san,
       0::integer AS failed,
       1000::integer AS mbps,
       ('/dev/nvme' || k.diskno || 'n1')::character(256) AS mount
FROM pg_catalog.stv_node_storage_capacity n
CROSS JOIN redshift_sim.disk d
CROSS JOIN LATERAL generate_series(0, d.partitions_per_node - 1) AS k(diskno);

-- Superuser only.
CREATE VIEW pg_catalog.svcs_concurrency_scaling_usage AS
SELECT u.* FROM redshift_sim.svcs_concurrency_scaling_usage u;

-- Superuser only. One row per table per VACUUM transaction that finished, from STL_VACUUM's Started
-- and Finished rows (so within the STL retention). A sort pass works in partitions of about 1 GB.
CREATE VIEW pg_catalog.svv_vacuum_summary AS
SELECT coalesce(m.table_name, '')::text AS table_name, v.xid::bigint AS xid,
       v.sort_partitions::bigint AS sort_partitions,
       (CASE WHEN v.sort_partitions > 0 THEN 1 ELSE 0 END)::bigint AS merge_increments,
       floor(extract(epoch FROM v.finished - v.started) * 1000000)::bigint AS elapsed_time,
       (v.rows_after - v.rows_before)::bigint AS row_delta,
       (v.sorted_after - v.sorted_before)::bigint AS sortedrow_delta,
       (v.blocks_after - v.blocks_before)::integer AS block_delta,
       v.max_merge_partitions::integer AS max_merge_partitions
FROM (SELECT xid, table_id,
             min(eventtime) FILTER (WHERE "status" LIKE '%Started%') AS started,
             max(eventtime) FILTER (WHERE "status" LIKE '%Finished%') AS finished,
             max("rows") FILTER (WHERE "status" LIKE '%Started%') AS rows_before,
             max("rows") FILTER (WHERE "status" LIKE '%Finished%') AS rows_after,
             max(sortedrows) FILTER (WHERE "status" LIKE '%Started%') AS sorted_before,
             max(sortedrows) FILTER (WHERE "status" LIKE '%Finished%') AS sorted_after,
             max(blocks) FILTER (WHERE "status" LIKE '%Started%') AS blocks_before,
             max(blocks) FILTER (WHERE "status" LIKE '%Finished%') AS blocks_after,
             coalesce(max(max_merge_partitions), 0) AS max_merge_partitions,
             ceil(coalesce(max(blocks) FILTER (WHERE "status" LIKE '%Started%' AND "status" NOT LIKE '%Delete Only%'), 0) / 1024.0)
                 AS sort_partitions
      FROM pg_catalog.stl_vacuum GROUP BY xid, table_id) v
LEFT JOIN redshift_sim.table_meta m ON m.table_id = v.table_id
WHERE v.started IS NOT NULL AND v.finished IS NOT NULL;

-- Superuser only. The VACUUM running now, else the last one: its table and what it is doing
-- (Complete, Skipped or Failed once over). No estimate of the time left is given.
CREATE VIEW pg_catalog.svv_vacuum_progress AS
SELECT coalesce(m.table_name, '')::text AS table_name,
       (CASE WHEN EXISTS (SELECT 1 FROM redshift_sim.stl_vacuum f WHERE f.xid = l.xid AND f."status" LIKE '%Finished%') THEN 'Complete'
             WHEN l."status" LIKE '%Skipped%' THEN 'Skipped'
             WHEN EXISTS (SELECT 1 FROM redshift_sim.sys_vacuum_history h WHERE h.transaction_id = l.xid AND h."status" = 'Failed')
                  THEN 'Failed'
             WHEN l."status" LIKE '%Delete Only%' THEN 'Vacuum ' || coalesce(m.table_name, '') || ' delete'
             ELSE 'Vacuum ' || coalesce(m.table_name, '') || ' sort' END)::text AS "status",
       NULL::text AS time_remaining_estimate
FROM (SELECT v.xid, v.table_id, v."status" FROM redshift_sim.stl_vacuum v ORDER BY v.eventtime DESC, v.xid DESC LIMIT 1) l
LEFT JOIN redshift_sim.table_meta m ON m.table_id = l.table_id;
