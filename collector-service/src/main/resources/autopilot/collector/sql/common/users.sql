-- The cluster's users, so the analyzer names who runs the workload instead of a user id (STL_QUERY.userid,
-- SYS_QUERY_HISTORY.user_id). PG_USER_INFO: usesysid is the user id, usename the name; visible to superusers
-- (https://docs.aws.amazon.com/redshift/latest/dg/pg_user_info.html), the same on both kinds. A few rows.
SELECT usesysid, trim(usename) AS usename
FROM pg_user_info
ORDER BY usesysid
