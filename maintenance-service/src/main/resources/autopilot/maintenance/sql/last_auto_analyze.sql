SELECT max(start_time) FROM sys_analyze_history WHERE table_id = ? AND trim(is_automatic) = 't'
