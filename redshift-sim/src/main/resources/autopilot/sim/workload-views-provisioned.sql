-- Workload views of provisioned clusters (STL/STV/SVL), in pg_catalog, derived from the query logs
-- WorkloadWriter fills (system-tables.sql, workload-tables.sql): one model, no copies.
-- Every one of them is user-visible (their AWS pages say so): granted to PUBLIC, a regular user sees
-- its own rows only unless it may see all rows
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html). STL/SVL rows older than
-- the retention are invisible, as in the other STL views.

-- ---------------------------------------------------------------------------------------------
-- Statement text. Queries are in STL_QUERY; DDL and utility statements only in SYS_QUERY_HISTORY,
-- with query_type DDL / UTILITY. Text is cut into pieces of 200 characters, sequence 0, 1, ...
-- (r_STL_QUERYTEXT.html, r_STL_DDLTEXT.html, r_STL_UTILITYTEXT.html, r_SVL_STATEMENTTEXT.html).
-- ---------------------------------------------------------------------------------------------

CREATE VIEW pg_catalog.stl_querytext AS
SELECT q.userid::integer AS userid,
       q.xid::bigint AS xid,
       q.pid::integer AS pid,
       q."query"::integer AS "query",
       p.n::integer AS "sequence",
       substr(rtrim(q.querytxt), p.n * 200 + 1, 200)::character(200) AS "text"
FROM redshift_sim.stl_query q
CROSS JOIN LATERAL generate_series(0, greatest(0, (length(q.querytxt) - 1) / 200)) AS p(n)
WHERE q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (q.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_querytext TO PUBLIC;

-- The pieces of every logged statement with its kind (QUERY, DDL, UTILITY); running and queued
-- statements are not logged yet. The label is the session's query_group, blank without one.
CREATE VIEW redshift_workload.statement_pieces AS
SELECT h.user_id AS userid, h.transaction_id AS xid, h.session_id AS pid,
       coalesce(h.query_label, '')::character(320) AS "label",
       h.start_time AS starttime, h.end_time AS endtime, p.n AS "sequence",
       (CASE rtrim(h.query_type) WHEN 'DDL' THEN 'DDL' WHEN 'UTILITY' THEN 'UTILITY' ELSE 'QUERY' END)::varchar(10) AS "type",
       substr(rtrim(h.query_text), p.n * 200 + 1, 200)::character(200) AS "text"
FROM redshift_sim.sys_query_history h
CROSS JOIN LATERAL generate_series(0, greatest(0, (length(h.query_text) - 1) / 200)) AS p(n)
WHERE rtrim(h."status") NOT IN ('running', 'queued')
  AND h.start_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (h.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));

CREATE VIEW pg_catalog.stl_ddltext AS
SELECT s.userid::integer AS userid, s.xid::bigint AS xid, s.pid::integer AS pid, s."label"::character(320) AS "label",
       s.starttime::timestamp AS starttime, s.endtime::timestamp AS endtime, s."sequence"::integer AS "sequence",
       s."text"::character(200) AS "text"
FROM redshift_workload.statement_pieces s WHERE s."type" = 'DDL';
GRANT SELECT ON pg_catalog.stl_ddltext TO PUBLIC;

CREATE VIEW pg_catalog.stl_utilitytext AS
SELECT s.userid::integer AS userid, s.xid::bigint AS xid, s.pid::integer AS pid, s."label"::character(320) AS "label",
       s.starttime::timestamp AS starttime, s.endtime::timestamp AS endtime, s."sequence"::integer AS "sequence",
       s."text"::character(200) AS "text"
FROM redshift_workload.statement_pieces s WHERE s."type" = 'UTILITY';
GRANT SELECT ON pg_catalog.stl_utilitytext TO PUBLIC;

CREATE VIEW pg_catalog.svl_statementtext AS
SELECT s.userid::integer AS userid, s.xid::bigint AS xid, s.pid::integer AS pid, s."label"::character(320) AS "label",
       s.starttime::timestamp AS starttime, s.endtime::timestamp AS endtime, s."sequence"::integer AS "sequence",
       s."type"::varchar(10) AS "type", s."text"::character(200) AS "text"
FROM redshift_workload.statement_pieces s;
GRANT SELECT ON pg_catalog.svl_statementtext TO PUBLIC;

-- SVL_QLOG: STL_QUERY made readable (r_SVL_QLOG.html): label as STL_QUERY has it (the query_group
-- label cut to 30 characters, `default` without one), the text's first 60 characters.
CREATE VIEW pg_catalog.svl_qlog AS
SELECT q.userid::integer AS userid,
       q."query"::integer AS "query",
       q.xid::bigint AS xid,
       q.pid::integer AS pid,
       q.starttime::timestamp AS starttime,
       q.endtime::timestamp AS endtime,
       (extract(epoch FROM q.endtime - q.starttime) * 1000000)::bigint AS elapsed,
       q.aborted::integer AS aborted,
       q."label"::character(320) AS "label",
       left(rtrim(q.querytxt), 60)::character(60) AS "substring",
       NULL::integer AS source_query,
       (CASE WHEN q.concurrency_scaling_status = 1 THEN 'Ran on a Concurrency Scaling cluster'
             ELSE 'Ran on the main cluster' END)::text AS concurrency_scaling_status_txt,
       NULL::integer AS from_sp_call
FROM redshift_sim.stl_query q
WHERE q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (q.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.svl_qlog TO PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Steps. SVL_QUERY_SUMMARY holds each step of a query once (its rows and bytes over all slices);
-- the step tables show it on every slice, the figures split evenly, from execution start for the
-- step's time. A step's kind is its label's first word (dist, bcast, hash, sort, aggr, return,
-- insert, delete, ...); its table the label's tbl=.
-- ---------------------------------------------------------------------------------------------

CREATE VIEW redshift_workload.step_slices AS
SELECT s.userid, s."query", sl.slice, s.seg AS segment, s."step",
       w.exec_start_time AS starttime,
       w.exec_start_time + s.maxtime * interval '1 microsecond' AS endtime,
       s.maxtime,
       s."rows" / c.slices + (CASE WHEN sl.slice < s."rows" % c.slices THEN 1 ELSE 0 END) AS "rows",
       s."bytes" / c.slices + (CASE WHEN sl.slice < s."bytes" % c.slices THEN 1 ELSE 0 END) AS "bytes",
       s."label",
       split_part(btrim(s."label"), ' ', 1) AS kind,
       coalesce(substring(s."label" FROM 'tbl=([0-9]+)')::integer, 0) AS tbl,
       coalesce(s.is_diskbased, 'f') AS is_diskbased,
       coalesce(s.workmem, 0) AS workmem
FROM redshift_sim.svl_query_summary s
JOIN redshift_sim.stl_wlm_query w ON w."query" = s."query"
CROSS JOIN (SELECT nodes * slices_per_node AS slices FROM redshift_sim.cluster) c
CROSS JOIN LATERAL generate_series(0, c.slices - 1) AS sl(slice)
WHERE split_part(btrim(s."label"), ' ', 1) <> 'scan'
  AND w.service_class_start_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (s.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));

-- Network packets of a data-movement or return step: the simulator counts one per 8 KB sent.
CREATE VIEW pg_catalog.stl_dist AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes", ceil(t."bytes" / 8192.0)::integer AS packets
FROM redshift_workload.step_slices t WHERE t.kind = 'dist';
GRANT SELECT ON pg_catalog.stl_dist TO PUBLIC;

CREATE VIEW pg_catalog.stl_bcast AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes", ceil(t."bytes" / 8192.0)::integer AS packets
FROM redshift_workload.step_slices t WHERE t.kind = 'bcast';
GRANT SELECT ON pg_catalog.stl_bcast TO PUBLIC;

CREATE VIEW pg_catalog.stl_return AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes", ceil(t."bytes" / 8192.0)::integer AS packets,
       0::bigint AS checksum
FROM redshift_workload.step_slices t WHERE t.kind = 'return';
GRANT SELECT ON pg_catalog.stl_return TO PUBLIC;

-- Hash tables: one bucket per row up to 2^30 buckets; a disk-based step spills in partitions of
-- its working memory (the simulator's sizing; the docs give the columns' meaning, not a formula).
-- STL_HASH and STL_AGGR size their hash tables alike.
CREATE FUNCTION redshift_workload.hash_slots(n bigint) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT least(greatest(n, 1), 1073741824)::integer
$$;
CREATE VIEW pg_catalog.stl_hash AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes",
       redshift_workload.hash_slots(t."rows") AS slots,
       least(t."rows", 1073741824)::integer AS occupied,
       ceil(t."rows" / redshift_workload.hash_slots(t."rows")::numeric)::integer AS maxlength,
       t.tbl::integer AS tbl, t.is_diskbased::character(1) AS is_diskbased, t.workmem::bigint AS workmem,
       (CASE WHEN t.is_diskbased = 't' AND t.workmem > 0 THEN ceil(t."bytes"::numeric / t.workmem) ELSE 1 END)::integer AS num_parts,
       t."rows"::bigint AS est_rows, (t.workmem / 1048576)::integer AS num_blocks_permitted, 0::integer AS resizes,
       0::bigint AS checksum, 0::integer AS runtime_filter_size, 0::integer AS max_runtime_filter_size
FROM redshift_workload.step_slices t WHERE t.kind = 'hash';
GRANT SELECT ON pg_catalog.stl_hash TO PUBLIC;

CREATE VIEW pg_catalog.stl_sort AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes", t.tbl::integer AS tbl, t.is_diskbased::character(1) AS is_diskbased,
       t.workmem::bigint AS workmem, 0::bigint AS checksum
FROM redshift_workload.step_slices t WHERE t.kind = 'sort';
GRANT SELECT ON pg_catalog.stl_sort TO PUBLIC;

-- Aggregation type HASHED unless the step's label says PLAIN or SORTED (r_STL_AGGR.html's values).
CREATE VIEW pg_catalog.stl_aggr AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t."bytes"::bigint AS "bytes",
       redshift_workload.hash_slots(t."rows") AS slots,
       least(t."rows", 1073741824)::integer AS occupied,
       ceil(t."rows" / redshift_workload.hash_slots(t."rows")::numeric)::integer AS maxlength,
       t.tbl::integer AS tbl, t.is_diskbased::character(1) AS is_diskbased, t.workmem::bigint AS workmem,
       (CASE WHEN upper(t."label") LIKE '%PLAIN%' THEN 'PLAIN' WHEN upper(t."label") LIKE '%SORTED%' THEN 'SORTED'
             ELSE 'HASHED' END)::character(6) AS "type",
       0::integer AS resizes, 0::integer AS flushable
FROM redshift_workload.step_slices t WHERE t.kind = 'aggr';
GRANT SELECT ON pg_catalog.stl_aggr TO PUBLIC;

CREATE VIEW pg_catalog.stl_insert AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t.tbl::integer AS tbl, 'f'::character(1) AS inserted_mega_value
FROM redshift_workload.step_slices t WHERE t.kind = 'insert';
GRANT SELECT ON pg_catalog.stl_insert TO PUBLIC;

CREATE VIEW pg_catalog.stl_delete AS
SELECT t.userid::integer AS userid, t."query"::integer AS "query", t.slice::integer AS slice, t.segment::integer AS segment,
       t."step"::integer AS "step", t.starttime::timestamp AS starttime, t.endtime::timestamp AS endtime, 0::integer AS tasknum,
       t."rows"::bigint AS "rows", t.tbl::integer AS tbl
FROM redshift_workload.step_slices t WHERE t.kind = 'delete';
GRANT SELECT ON pg_catalog.stl_delete TO PUBLIC;

-- SVL_QUERY_REPORT: every step on every slice (r_SVL_QUERY_REPORT.html): scans as STL_SCAN has
-- them per slice, the other steps as the step tables show them.
CREATE VIEW pg_catalog.svl_query_report AS
SELECT r.userid::integer AS userid, r."query"::integer AS "query", r.slice::integer AS slice, r.segment::integer AS segment,
       r."step"::integer AS "step", r.start_time::timestamp AS start_time, r.end_time::timestamp AS end_time,
       r.elapsed_time::bigint AS elapsed_time, r."rows"::bigint AS "rows", r."bytes"::bigint AS "bytes",
       r."label"::character(256) AS "label", r.is_diskbased::character(1) AS is_diskbased, r.workmem::bigint AS workmem,
       r.rows_pre_filter::bigint AS rows_pre_filter
FROM (SELECT s.userid, s."query", s.slice, s.segment, s."step", s.starttime AS start_time, s.endtime AS end_time,
             (extract(epoch FROM s.endtime - s.starttime) * 1000000)::bigint AS elapsed_time, s."rows", s."bytes",
             'scan   tbl=' || s.tbl || ' name=' || rtrim(s.perm_table_name) AS "label", 'f'::character(1) AS is_diskbased,
             0::bigint AS workmem, s.rows_pre_filter
      FROM redshift_sim.stl_scan s
      WHERE s.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
        AND (s.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()))
      UNION ALL
      SELECT t.userid, t."query", t.slice, t.segment, t."step", t.starttime, t.endtime, t.maxtime, t."rows", t."bytes", t."label",
             t.is_diskbased::character(1), t.workmem::bigint, NULL::bigint
      FROM redshift_workload.step_slices t) r;
GRANT SELECT ON pg_catalog.svl_query_report TO PUBLIC;

-- The steps of a plan (STL_PLAN_INFO), written from each query's EXPLAIN lines.
CREATE VIEW pg_catalog.stl_plan_info AS
SELECT p.* FROM redshift_sim.stl_plan_info p
WHERE p."query" IN (SELECT q."query" FROM redshift_sim.stl_query q WHERE q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (p.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_plan_info TO PUBLIC;

-- STL_ERROR: internal engine errors; the model has none (see workload-tables.sql).
CREATE VIEW pg_catalog.stl_error AS
SELECT e.* FROM redshift_sim.stl_error e
WHERE e.recordtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (e.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stl_error TO PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Metrics (r_SVL_QUERY_METRICS.html, r_SVL_QUERY_METRICS_SUMMARY.html, r_STV_QUERY_METRICS.html):
-- reported for user-defined queues only (service classes 6-13 of manual WLM, 100+ of automatic
-- WLM), times in seconds. Derived per segment from what the query did:
--   cpu time      the slices' busy time added up (a scan slice from STL_SCAN; a step, its average
--                 slice time on every slice), so a query on 8 busy slices uses 8 s of CPU a second;
--   blocks read   scanned bytes in 1 MB blocks, per slice rounded up;
--   temp blocks   bytes of disk-based steps, in 1 MB blocks;
--   cpu skew      slowest slice / average slice; io skew: most bytes read by a slice / average;
--   scan rows     rows scanned before filters (rows_pre_filter); join rows: hjoin/mjoin/nloop steps.
-- Step types: the STL_QUERY_METRICS page numbers them in a table the simulator's references did
-- not capture; step and step_type here use the simulator's own numbers (step_type column below).
-- ---------------------------------------------------------------------------------------------

CREATE VIEW redshift_workload.segment_metrics AS
SELECT m."query", m.segment, m.kind,
       (CASE m.kind WHEN 'scan' THEN 1 WHEN 'insert' THEN 2 WHEN 'delete' THEN 3 WHEN 'hash' THEN 4 WHEN 'hjoin' THEN 5
             WHEN 'nloop' THEN 6 WHEN 'mjoin' THEN 7 WHEN 'aggr' THEN 8 WHEN 'sort' THEN 9 WHEN 'dist' THEN 10
             WHEN 'bcast' THEN 11 WHEN 'return' THEN 12 WHEN 'unique' THEN 13 WHEN 'limit' THEN 14 WHEN 'window' THEN 15
             WHEN 'save' THEN 16 WHEN 'merge' THEN 17 WHEN 'parse' THEN 18 ELSE 0 END) AS step_type,
       m.cpu_micros, m.max_slice_micros, m.avg_slice_micros, m.blocks_read, m.max_slice_blocks, m.max_slice_bytes,
       m.avg_slice_bytes, m.scan_rows, m."rows", m.max_rows, m.spill_blocks
FROM (SELECT s."query", s.segment, 'scan'::text AS kind,
             sum(extract(epoch FROM s.endtime - s.starttime) * 1000000) AS cpu_micros,
             max(extract(epoch FROM s.endtime - s.starttime) * 1000000) AS max_slice_micros,
             avg(extract(epoch FROM s.endtime - s.starttime) * 1000000) AS avg_slice_micros,
             sum(ceil(s."bytes" / 1048576.0)) AS blocks_read,
             max(ceil(s."bytes" / 1048576.0)) AS max_slice_blocks,
             max(s."bytes")::numeric AS max_slice_bytes,
             avg(s."bytes") AS avg_slice_bytes,
             sum(s.rows_pre_filter) AS scan_rows,
             sum(s."rows") AS "rows",
             max(s."rows") AS max_rows,
             0::numeric AS spill_blocks
      FROM redshift_sim.stl_scan s
      GROUP BY s."query", s.segment
      UNION ALL
      SELECT q."query", q.seg, split_part(btrim(q."label"), ' ', 1),
             q.avgtime::numeric * c.slices, q.maxtime::numeric, q.avgtime::numeric, 0::numeric, 0::numeric, NULL::numeric,
             NULL::numeric, 0::numeric, q."rows"::numeric, ceil(q."rows"::numeric / c.slices),
             (CASE WHEN q.is_diskbased = 't' THEN ceil(q."bytes" / 1048576.0) ELSE 0 END)::numeric
      FROM redshift_sim.svl_query_summary q
      CROSS JOIN (SELECT nodes * slices_per_node AS slices FROM redshift_sim.cluster) c
      WHERE split_part(btrim(q."label"), ' ', 1) <> 'scan') m;

-- Queries of the user-defined queues, within the retention, that the user may see, with their
-- per-segment metrics.
CREATE VIEW redshift_workload.metered_queries AS
SELECT w.userid, w."query", w.service_class, w.total_exec_time, c.slices, m.segment, m.kind, m.step_type, m.cpu_micros,
       m.max_slice_micros, m.avg_slice_micros, m.blocks_read, m.max_slice_blocks, m.max_slice_bytes, m.avg_slice_bytes,
       m.scan_rows, m."rows", m.spill_blocks
FROM redshift_sim.stl_wlm_query w
CROSS JOIN (SELECT nodes * slices_per_node AS slices FROM redshift_sim.cluster) c
LEFT JOIN redshift_workload.segment_metrics m ON m."query" = w."query"
WHERE (w.service_class BETWEEN 6 AND 13 OR w.service_class >= 100)
  AND w.service_class_start_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff)
  AND (w.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));

-- One row per query: the largest value of each metric over its segments.
CREATE VIEW pg_catalog.svl_query_metrics_summary AS
SELECT g.userid::integer AS userid, g."query"::integer AS "query", g.service_class::integer AS service_class,
       round(coalesce(sum(g.cpu_micros), 0) / 1000000)::bigint AS query_cpu_time,
       coalesce(sum(g.blocks_read), 0)::bigint AS query_blocks_read,
       round(g.total_exec_time / 1000000.0)::bigint AS query_execution_time,
       round(least(100, coalesce(sum(g.cpu_micros), 0) * 100 / nullif(g.total_exec_time::numeric * g.slices, 0)), 2)::numeric(38,2)
           AS query_cpu_usage_percent,
       coalesce(sum(g.spill_blocks), 0)::bigint AS query_temp_blocks_to_disk,
       round(coalesce(max(g.max_slice_micros), 0) / 1000000)::bigint AS segment_execution_time,
       round(max(g.max_slice_micros / nullif(g.avg_slice_micros, 0)), 2)::numeric(38,2) AS cpu_skew,
       round(max(g.max_slice_bytes / nullif(g.avg_slice_bytes, 0)), 2)::numeric(38,2) AS io_skew,
       coalesce(sum(g.scan_rows), 0)::bigint AS scan_row_count,
       coalesce(sum(g."rows") FILTER (WHERE g.kind IN ('hjoin', 'mjoin', 'nloop')), 0)::bigint AS join_row_count,
       coalesce(sum(g."rows") FILTER (WHERE g.kind = 'nloop'), 0)::bigint AS nested_loop_join_row_count,
       coalesce(sum(g."rows") FILTER (WHERE g.kind = 'return'), 0)::bigint AS return_row_count,
       0::bigint AS spectrum_scan_row_count,
       0::bigint AS spectrum_scan_size_mb
FROM redshift_workload.metered_queries g
GROUP BY g.userid, g."query", g.service_class, g.total_exec_time, g.slices;
GRANT SELECT ON pg_catalog.svl_query_metrics_summary TO PUBLIC;

-- Rows of dimension query (segment 0: rolled up, as the page describes it), segment, and step (the
-- segment's one step: step type and its name).
CREATE VIEW pg_catalog.svl_query_metrics AS
SELECT s.userid::integer AS userid, s."query"::integer AS "query", s.service_class::integer AS service_class,
       'query'::varchar(24) AS dimension, 0::integer AS segment, NULL::integer AS "step", NULL::varchar(30) AS step_label,
       s.query_cpu_time::bigint AS query_cpu_time, s.query_blocks_read::bigint AS query_blocks_read,
       s.query_execution_time::bigint AS query_execution_time, round(s.query_cpu_usage_percent)::bigint AS query_cpu_usage_percent,
       s.query_temp_blocks_to_disk::bigint AS query_temp_blocks_to_disk, s.segment_execution_time::bigint AS segment_execution_time,
       s.cpu_skew::numeric(38,2) AS cpu_skew, s.io_skew::numeric(38,2) AS io_skew, s.scan_row_count::bigint AS scan_row_count,
       s.join_row_count::bigint AS join_row_count, s.nested_loop_join_row_count::bigint AS nested_loop_join_row_count,
       s.return_row_count::bigint AS return_row_count, 0::bigint AS spectrum_scan_row_count, 0::bigint AS spectrum_scan_size_mb
FROM pg_catalog.svl_query_metrics_summary s
UNION ALL
SELECT g.userid::integer, g."query"::integer, g.service_class::integer, d.dimension::varchar(24), g.segment::integer,
       (CASE WHEN d.dimension = 'step' THEN g.step_type END)::integer,
       (CASE WHEN d.dimension = 'step' THEN g.kind END)::varchar(30),
       round(g.cpu_micros / 1000000)::bigint, g.blocks_read::bigint, round(g.total_exec_time / 1000000.0)::bigint,
       round(least(100, g.cpu_micros * 100 / nullif(g.total_exec_time::numeric * g.slices, 0)))::bigint,
       g.spill_blocks::bigint, round(g.max_slice_micros / 1000000)::bigint,
       round(g.max_slice_micros / nullif(g.avg_slice_micros, 0), 2)::numeric(38,2),
       round(g.max_slice_bytes / nullif(g.avg_slice_bytes, 0), 2)::numeric(38,2),
       g.scan_rows::bigint,
       (CASE WHEN g.kind IN ('hjoin', 'mjoin', 'nloop') THEN g."rows" ELSE 0 END)::bigint,
       (CASE WHEN g.kind = 'nloop' THEN g."rows" ELSE 0 END)::bigint,
       (CASE WHEN g.kind = 'return' THEN g."rows" ELSE 0 END)::bigint,
       0::bigint, 0::bigint
FROM redshift_workload.metered_queries g
CROSS JOIN (VALUES ('segment'), ('step')) AS d(dimension)
WHERE g.segment IS NOT NULL;
GRANT SELECT ON pg_catalog.svl_query_metrics TO PUBLIC;

-- STV_QUERY_METRICS: the queries running now (STV_WLM_QUERY_STATE Running, slices from
-- STV_INFLIGHT) in user-defined queues, at query level (segment -1, step_type -1) and for the
-- segment they run (0, step_type -1). The model gives an in-flight query its time so far only, so
-- its CPU is that time on every slice and it has read nothing yet; run_time (µs, summed over slices
-- at segment level on Redshift) is the time so far.
CREATE VIEW pg_catalog.stv_query_metrics AS
SELECT i.userid::integer AS userid, q.service_class::integer AS service_class, q."query"::integer AS "query",
       i.starttime::timestamp AS starttime, c.slices::integer AS slices, l.segment::integer AS segment, -1::integer AS step_type,
       0::bigint AS "rows", 0::bigint AS max_rows, (q.exec_time * c.slices)::bigint AS cpu_time, q.exec_time::bigint AS max_cpu_time,
       0::bigint AS blocks_read, 0::bigint AS max_blocks_read, q.exec_time::bigint AS run_time,
       0::bigint AS max_blocks_to_disk, 0::bigint AS blocks_to_disk,
       0::bigint AS max_query_scan_size, 0::bigint AS query_scan_size
FROM redshift_sim.stv_wlm_query_state q
JOIN (SELECT f."query", min(f.userid) AS userid, min(f.starttime) AS starttime FROM redshift_sim.stv_inflight f GROUP BY f."query") i
  ON i."query" = q."query"
CROSS JOIN (SELECT nodes * slices_per_node AS slices FROM redshift_sim.cluster) c
CROSS JOIN (VALUES (-1), (0)) AS l(segment)
WHERE rtrim(q.state) = 'Running' AND (q.service_class BETWEEN 6 AND 13 OR q.service_class >= 100)
  AND (i.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
GRANT SELECT ON pg_catalog.stv_query_metrics TO PUBLIC;
