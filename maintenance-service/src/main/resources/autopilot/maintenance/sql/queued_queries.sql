SELECT count(*) FROM stv_wlm_query_state WHERE state LIKE 'Queued%'
