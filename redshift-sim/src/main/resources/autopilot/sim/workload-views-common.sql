-- Workload views present on provisioned clusters and on Serverless (SYS_*), in pg_catalog.
-- Visibility (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html): a
-- user-visible relation is granted to PUBLIC and shows a regular user only the rows of its own
-- user id, unless it may see all rows (superuser, SYSLOG ACCESS UNRESTRICTED).

-- Helpers of the workload views (not granted to anyone: clients read the pg_catalog views, which
-- run as their owner).
CREATE SCHEMA redshift_workload;

-- SYS_QUERY_TEXT: every statement's text (queries, DDL, utility, running ones too) in pieces of
-- 4,000 characters (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_TEXT.html). The model
-- keeps a statement's first 4,000 characters, so each has one piece, sequence 0.
CREATE VIEW pg_catalog.sys_query_text AS
SELECT h.user_id::integer AS user_id,
       h.query_id::bigint AS query_id,
       h.transaction_id::bigint AS transaction_id,
       h.session_id::integer AS session_id,
       h.start_time::timestamp AS start_time,
       0::integer AS "sequence",
       h.query_text::character(4000) AS "text"
FROM redshift_sim.sys_query_history h
WHERE h.user_id = (SELECT redshift_sim.current_user_id()) OR (SELECT redshift_sim.sees_all_rows());
GRANT SELECT ON pg_catalog.sys_query_text TO PUBLIC;
