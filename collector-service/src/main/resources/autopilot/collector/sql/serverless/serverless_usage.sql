-- RPU-seconds charged per UTC hour (SYS_SERVERLESS_USAGE: a row per minute, kept 7 days, superuser only;
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_SERVERLESS_USAGE.html), from the hour the recent
-- lookback starts in, read whole each cycle: charged_seconds is computed after a transaction ends, so a
-- minute's row grows after it was first read, and each read replaces the hours it covers. read_from is
-- that first hour: every hour from it on is whole (an hour without a row was idle: no RPU is charged).
-- A single row with a null hour when nothing ran since. Ordered by hour, at most 8 days of hours.
SELECT w.read_from, u.hour, u.charged_seconds, u.compute_seconds, u.minutes
FROM (SELECT date_trunc('hour', CAST(? AS timestamp)) AS read_from) w
LEFT JOIN (SELECT date_trunc('hour', start_time) AS hour, sum(charged_seconds) AS charged_seconds,
                  sum(compute_seconds) AS compute_seconds, count(*) AS minutes
           FROM sys_serverless_usage
           GROUP BY date_trunc('hour', start_time)) u ON u.hour >= w.read_from
ORDER BY u.hour
LIMIT 200
