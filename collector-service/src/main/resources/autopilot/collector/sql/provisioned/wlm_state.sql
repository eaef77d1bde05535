-- Live queue state: queries per service class and state, and the longest wait and run so far (microseconds).
SELECT service_class, trim(state) AS state, count(*) AS queries, max(queue_time) AS max_queue_time,
       max(exec_time) AS max_exec_time, sum(slot_count) AS slots
FROM stv_wlm_query_state
GROUP BY service_class, state
ORDER BY service_class, state
