-- Views that exist only on provisioned clusters (STL/STV/SVL and SVV_DISKUSAGE). On Serverless
-- they are not created, so queries on them fail with "relation does not exist" as there.
-- STL/SVL rows older than the cluster's retention are invisible, as on Redshift.

CREATE VIEW redshift_sim.stl_cutoff AS
SELECT (now() AT TIME ZONE 'UTC') - retention AS cutoff FROM redshift_sim.cluster;

CREATE VIEW pg_catalog.stl_query AS
SELECT q.* FROM redshift_sim.stl_query q WHERE (q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (q.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.stl_wlm_query AS
SELECT w.* FROM redshift_sim.stl_wlm_query w WHERE (w.service_class_start_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (w.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.stl_scan AS
SELECT s.* FROM redshift_sim.stl_scan s WHERE (s.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (s.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.stl_alert_event_log AS
SELECT a.* FROM redshift_sim.stl_alert_event_log a WHERE (a.event_time >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (a.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.stl_vacuum AS
SELECT v.* FROM redshift_sim.stl_vacuum v WHERE v.eventtime >= (SELECT cutoff FROM redshift_sim.stl_cutoff);
CREATE VIEW pg_catalog.stl_analyze AS
SELECT a.* FROM redshift_sim.stl_analyze a WHERE a.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff);
CREATE VIEW pg_catalog.svl_compile AS
SELECT c.* FROM redshift_sim.svl_compile c WHERE (c.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (c.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.svl_query_summary AS
SELECT s.* FROM redshift_sim.svl_query_summary s
WHERE s."query" IN (SELECT q."query" FROM redshift_sim.stl_query q WHERE q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (s.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));
CREATE VIEW pg_catalog.stl_explain AS
SELECT e.* FROM redshift_sim.stl_explain e
WHERE e."query" IN (SELECT q."query" FROM redshift_sim.stl_query q WHERE q.starttime >= (SELECT cutoff FROM redshift_sim.stl_cutoff))
  AND (e.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows()));

CREATE VIEW pg_catalog.stv_slices AS SELECT * FROM redshift_sim.stv_slices;
CREATE VIEW pg_catalog.stv_tbl_perm AS SELECT * FROM redshift_sim.stv_tbl_perm;
CREATE VIEW pg_catalog.stv_inflight AS SELECT * FROM redshift_sim.stv_inflight i
WHERE i.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.stv_recents AS SELECT * FROM redshift_sim.stv_recents r
WHERE r.userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.stv_wlm_query_state AS
SELECT s.xid, s.task, s."query", s.service_class, s.slot_count, s.wlm_start_time, s.state, s.queue_time, s.exec_time,
       s.query_priority
FROM redshift_sim.stv_wlm_query_state s
WHERE s.owner_userid = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
CREATE VIEW pg_catalog.stv_wlm_service_class_config AS SELECT * FROM redshift_sim.stv_wlm_service_class_config;

-- One row per 1 MB block per column (user columns + 3 hidden) per slice, derived from each slice's
-- block count and sorted share in STV_TBL_PERM so that COUNT(*) per table equals SVV_TABLE_INFO.size.
CREATE VIEW pg_catalog.stv_blocklist AS
SELECT p.slice::integer AS slice,
       col.n::integer AS col,
       p.id::integer AS tbl,
       (col.n * 1000000 + b.i)::integer AS blocknum,
       (p."rows" / greatest(p.block_count / (m.ncols + 3), 1))::integer AS num_values,
       0::integer AS extended_limits,
       0::bigint AS minvalue,
       0::bigint AS maxvalue,
       0::integer AS sb_pos,
       0::integer AS pinned,
       0::integer AS on_disk,
       0::integer AS modified,
       0::integer AS hdr_modified,
       (CASE WHEN b.i >= floor((p.block_count / (m.ncols + 3)) * p.sorted_rows::numeric / nullif(p."rows", 0))
             THEN 1 ELSE 0 END)::integer AS unsorted,
       0::integer AS tombstone,
       0::integer AS preferred_diskno,
       0::integer AS temporary,
       0::integer AS newblock,
       0::integer AS num_readers,
       0::integer AS flags
FROM redshift_sim.stv_tbl_perm p
JOIN redshift_sim.table_meta m ON m.table_id = p.id
CROSS JOIN LATERAL generate_series(0, m.ncols + 2) AS col(n)
CROSS JOIN LATERAL generate_series(0, p.block_count / (m.ncols + 3) - 1) AS b(i);

CREATE VIEW pg_catalog.svv_diskusage AS
SELECT p.db_id::integer AS db_id, p."name"::character(72) AS "name", bl.slice, bl.col, bl.tbl, bl.blocknum,
       bl.num_values, bl.minvalue, bl.maxvalue, bl.sb_pos, bl.pinned, bl.on_disk, bl.modified, bl.hdr_modified,
       bl.unsorted, bl.tombstone, bl.preferred_diskno, bl.temporary, bl.newblock
FROM pg_catalog.stv_blocklist bl
JOIN redshift_sim.stv_tbl_perm p ON p.id = bl.tbl AND p.slice = bl.slice;

-- User-visible relations (own rows unless SYSLOG ACCESS UNRESTRICTED); STV_SLICES has no user column.
-- The others here (STL_VACUUM, STL_ANALYZE, STV_TBL_PERM, STV_BLOCKLIST, SVV_DISKUSAGE,
-- STV_WLM_SERVICE_CLASS_CONFIG) are superuser-visible.
GRANT SELECT ON pg_catalog.stl_query, pg_catalog.stl_wlm_query, pg_catalog.stl_scan, pg_catalog.stl_alert_event_log,
    pg_catalog.svl_compile, pg_catalog.svl_query_summary, pg_catalog.stl_explain, pg_catalog.stv_inflight,
    pg_catalog.stv_recents, pg_catalog.stv_wlm_query_state, pg_catalog.stv_slices TO PUBLIC;
