-- Any STL_QUERY row of another user (rdsdb, userid 1, always runs queries of its own): a user without
-- SYSLOG ACCESS UNRESTRICTED sees none.
SELECT 1 FROM stl_query WHERE userid <> ? LIMIT 1
