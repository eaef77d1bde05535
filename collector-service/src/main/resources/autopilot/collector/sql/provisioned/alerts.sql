-- Optimizer alerts: one row per alerted query and alert. STL_ALERT_EVENT_LOG logs an alert once per
-- slice, segment and step, so a count of its rows measures the query's shape, not how often
-- anything happened: queries are what is counted. The alert name is the text before ':'.
SELECT a."query", trim(split_part(a.event, ':', 1)) AS alert, trim(a.event) AS event, trim(a.solution) AS solution,
       min(a.event_time) AS event_time
FROM stl_alert_event_log a
JOIN stl_query q ON q."query" = a."query"
WHERE q.endtime > ? AND q.endtime <= ? AND q.userid > 1 AND COALESCE(trim(q."label"), '') <> left(?, 30)
GROUP BY a."query", a.event, a.solution
ORDER BY a."query", a.event
