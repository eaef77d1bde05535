-- Serverless: a VACUUM started since the look-back that has not ended is running now.
SELECT count(*) FROM sys_vacuum_history WHERE end_time IS NULL AND start_time >= ?
