-- Any SYS_QUERY_HISTORY row of another user: a user without SYSLOG ACCESS UNRESTRICTED sees none.
SELECT 1 FROM sys_query_history WHERE user_id <> ? LIMIT 1
