-- Each WLM classification rule with the slots of the queue it assigns to (num_query_tasks; -1 under
-- automatic WLM), in the order Redshift matches them.
SELECT r.action_service_class, trim(r.condition), q.num_query_tasks, trim(q."name")
FROM stv_wlm_classification_config r
JOIN stv_wlm_service_class_config q ON q.service_class = r.action_service_class
ORDER BY r.id, r.action_seq
