-- Serverless has no manual WLM queues, but SYS_QUERY_HISTORY shows the queries waiting to run.
SELECT count(*) FROM sys_query_history WHERE trim(status) = 'queued'
