-- WLM queues (service classes); -1 in num_query_tasks / query_working_mem means automatic WLM.
SELECT service_class, trim("name") AS "name", num_query_tasks, target_num_query_tasks, query_working_mem,
       max_execution_time, trim(concurrency_scaling) AS concurrency_scaling, trim(query_priority) AS query_priority
FROM stv_wlm_service_class_config
ORDER BY service_class
