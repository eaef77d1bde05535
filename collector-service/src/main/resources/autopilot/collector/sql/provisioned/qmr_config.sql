-- Query monitoring rules in force (STV_WLM_QMR_CONFIG: one row per rule predicate and queue; metric_value's
-- unit depends on the metric, query_execution_time in seconds), so advice never proposes a rule that exists.
SELECT service_class, trim(rule_name) AS "rule", trim("action") AS "action", trim(metric_name) AS metric,
       trim(metric_operator) AS "operator", metric_value AS "value", trim(action_value) AS action_value
FROM stv_wlm_qmr_config
ORDER BY service_class, rule_name, metric_name
