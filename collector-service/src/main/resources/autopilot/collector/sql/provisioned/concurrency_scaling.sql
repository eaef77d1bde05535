-- Concurrency-scaling usage periods (SVCS_CONCURRENCY_SCALING_USAGE: one row per uninterrupted stretch a
-- scaling cluster processed queries, superuser only;
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVCS_CONCURRENCY_SCALING_USAGE.html) that ended in or
-- after the hour the recent lookback starts in, read whole each cycle, so each read replaces the hours it
-- covers. read_from is that first hour: every period overlapping an hour from it on is here. A single
-- row with null times when there was none. Newest first, at most 5,000.
SELECT w.read_from, u.start_time AS starttime, u.end_time AS endtime, u.queries, u.usage_in_seconds
FROM (SELECT date_trunc('hour', CAST(? AS timestamp)) AS read_from) w
LEFT JOIN svcs_concurrency_scaling_usage u ON u.end_time >= w.read_from
ORDER BY u.start_time DESC
LIMIT 5000
