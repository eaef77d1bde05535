-- Optimizer alerts per query; the alert name is the text before ':'.
SELECT a."query", trim(split_part(a.event, ':', 1)) AS alert, trim(a.event) AS event, trim(a.solution) AS solution,
       min(a.event_time) AS event_time, count(*) AS occurrences
FROM stl_alert_event_log a
JOIN stl_query q ON q."query" = a."query"
WHERE q.endtime > ? AND q.endtime <= ? AND trim(q."label") <> ?
GROUP BY a."query", a.event, a.solution
ORDER BY a."query"
