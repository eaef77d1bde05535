SELECT max(start_time) FROM sys_vacuum_history WHERE table_id = ? AND is_automatic
