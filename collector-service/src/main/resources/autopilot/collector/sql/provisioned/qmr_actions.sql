-- What query monitoring rules did in the window (STL_WLM_RULE_ACTION: log, hop(reassign), hop(restart),
-- abort, change_query_priority, or none when a more severe rule won), without rdsdb's (userid 1).
SELECT "query", userid, service_class, trim(service_class_name) AS service_class_name, trim("rule") AS "rule",
       trim("action") AS "action", trim(action_value) AS action_value, recordtime
FROM stl_wlm_rule_action
WHERE recordtime > ? AND recordtime <= ? AND userid > 1
ORDER BY recordtime, "query"
